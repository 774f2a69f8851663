/**
 * zod builds its int64 bounds with `BigInt(…)` when its module loads. iOS 13 and older
 * JavaScriptCore, still among WeChat's clients, have no BigInt, and the app would not start. No
 * schema of ours uses a bigint, so a stand-in that answers numbers is enough to let zod load.
 */
const scope = (typeof globalThis !== 'undefined' ? globalThis : {}) as { BigInt?: unknown };
if (typeof BigInt === 'undefined') scope.BigInt = (value: string | number) => Number(value);

export {};
