/**
 * Memory the local server keeps per new caller for rate limiting (src/server/call-windows.ts):
 * 200,000 OPENIDs each calling once, heap measured after a full GC. Run with
 * `npm run bench:windows` (node --expose-gc).
 */
import { CallWindows } from '../src/server/call-windows';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:windows)');
const CALLERS = 200_000;
const windows = new CallWindows();
const start = Date.now();
gc();
const before = process.memoryUsage().heapUsed;
// WeChat OPENIDs are 28 characters.
for (let i = 0; i < CALLERS; i++) windows.count(`${`o${i.toString(36)}`.padEnd(28, '_')} lookup`, start + i, start + i - 10 * 60 * 1000);
gc();
const perCaller = (process.memoryUsage().heapUsed - before) / CALLERS;
console.log(`${CALLERS.toLocaleString('en')} callers, each one call: ${Math.round(perCaller)} bytes per caller (${windows.size.toLocaleString('en')} kept)`);
