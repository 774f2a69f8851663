/**
 * Cloud storage as the CloudBase adapter reads it: through the real SDK (temporary URLs) on the
 * loopback emulator, byte ranges by HTTP Range — also from a storage that ignores Range and sends
 * the whole file — and deletion once a file is imported.
 */
import cloudbase from '@cloudbase/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudbaseFiles } from '../../src/server/cloudbase/files';
import { CloudbaseEmulator } from '../support/cloudbase-emulator';

const CONTENT = Buffer.from('户编号,地区,村社区,姓名,证件号码\n'.repeat(20));
let emulator: CloudbaseEmulator;
let files: CloudbaseFiles;

beforeAll(async () => {
  emulator = await new CloudbaseEmulator().start();
  Object.assign(process.env, emulator.env());
  files = new CloudbaseFiles(cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }) as never);
});
afterAll(() => emulator.stop());

describe('CloudbaseFiles', () => {
  it('knows the size and reads a range, whether or not the storage honours Range', async () => {
    for (const honoured of [true, false]) {
      emulator.honourRange = honoured;
      const id = emulator.putFile(CONTENT);
      expect(await files.size(id)).toBe(CONTENT.length);
      expect(Buffer.from(await files.read(id, 10, 40))).toEqual(CONTENT.subarray(10, 40));
    }
    emulator.honourRange = true;
  });

  it('says there is no such file, and deletes one', async () => {
    expect(await files.size('cloud://yibao-test.bucket/rosters/missing.csv')).toBeNull();
    const id = emulator.putFile(CONTENT);
    await files.remove(id);
    expect(await files.size(id)).toBeNull();
  });
});
