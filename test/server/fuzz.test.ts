/** Thousands of malformed events at every handler: no crash, no INTERNAL, a clear Chinese error each time. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionEvents } from '../../src/contracts/functions';
import { backend, QIXIAN_FAMILY, type Backend } from './harness';

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(20211102);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const strings = ['', ' ', 'null', '0', '-1', '1e309', 'X'.repeat(5000), '341302198003030011', '2021-02-30', '<script>', "'; drop table orders; --", '\u0000', '😀', '__proto__', '王'.repeat(300), 'roster', 'local://000000000000000000000000.csv', '../../etc/passwd'];
const keys = ['name', 'idNumber', 'householdId', 'memberIds', 'orderNo', 'memberId', 'reason', '__proto__', 'constructor', 'total', 'openid', 'kind', 'csv', 'fileID', 'from', 'byte', 'line'];

function value(depth: number): unknown {
  switch (Math.floor(rand() * (depth > 2 ? 6 : 8))) {
    case 0: return null;
    case 1: return rand() < 0.5;
    case 2: return pick([0, -1, 1.5, Number.MAX_SAFE_INTEGER, 1e308]);
    case 3: case 4: return pick(strings);
    case 5: return undefined;
    case 6: return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
    default: return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, () => [pick(keys), value(depth + 1)]));
  }
}

let b: Backend;
beforeAll(async () => {
  b = await backend('2021-11-02T10:00:00', [QIXIAN_FAMILY]);
  await b.addOperator('o-fuzz-operator');
  await b.call('o-fuzz', 'lookupHousehold', { name: QIXIAN_FAMILY.members[0]!.name, idNumber: QIXIAN_FAMILY.members[0]!.idNumber });
});
afterAll(async () => b.close());

describe('fuzz', () => {
  it('every function answers 300 malformed events with an envelope and a Chinese message', async () => {
    const names = Object.keys(functionEvents);
    let calls = 0;
    for (const name of names) {
      for (let i = 0; i < 300; i++) {
        const event = i % 3 === 0 ? value(0) : { ...(value(1) as object), householdId: pick(['QX-0001', ...strings]) };
        const envelope = await b.call(pick(['o-fuzz', 'o-stranger', 'o-fuzz-operator']), name, event);
        calls++;
        expect(typeof envelope.ok).toBe('boolean');
        if (!envelope.ok) {
          expect(envelope.error.code).not.toBe('INTERNAL');
          expect(envelope.error.message).toMatch(/[\u4e00-\u9fa5]/);
        }
      }
    }
    expect(calls).toBe(names.length * 300);
  }, 120_000);

  it('forged payment callbacks are refused, whatever they hold', async () => {
    for (let i = 0; i < 300; i++) {
      const headers = Object.fromEntries(Array.from({ length: 4 }, () => [pick(['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Signature', 'X']), String(value(2))]));
      const r = await b.notify({ headers, body: JSON.stringify(value(0)) ?? '' });
      expect(r.status).toBe(401);
    }
  });
});
