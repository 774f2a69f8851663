/**
 * The local wiring: PGlite storage, the WeChat Pay adapter talking to the sandbox platform, and
 * ids. The sandbox's callbacks go to `deliver` (the local server posts them to /api/payNotify;
 * tests hand them straight to the handler).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/ports';
import type { Deps } from '../core/use-cases/deps';
import { PgliteStorage } from './pglite-storage';
import { WechatPayGateway } from './wechat-pay/gateway';
import { SandboxPayPlatform, type Deliver } from './wechat-pay/sandbox';

export interface LocalSystem {
  deps: Deps;
  storage: PgliteStorage;
  sandbox: SandboxPayPlatform;
  close(): Promise<void>;
}

/** Order and refund numbers: prefix + 24 hex characters (WeChat Pay allows 6–32 of [A-Za-z0-9_-]). */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

export async function localSystem(options: { dataDir?: string; template?: Blob; clock: Clock; notifyUrl: string; deliver: Deliver }): Promise<LocalSystem> {
  const storage = await PgliteStorage.open(options.dataDir, options.template);
  const sandbox = new SandboxPayPlatform(options.deliver, () => options.clock.now());
  const gateway = new WechatPayGateway(sandbox.merchantConfig(options.notifyUrl), sandbox, () => Math.floor(options.clock.now() / 1000));
  const deps: Deps = { storage, gateway, clock: options.clock, newId };
  return {
    deps,
    storage,
    sandbox,
    async close() {
      sandbox.stop();
      await storage.close();
    },
  };
}
