/** Use cases answer with values: expected failures are results with a code and a Chinese message, never throws. */
export type Failure = { ok: false; error: { code: string; message: string } };
export type Result<T> = { ok: true; data: T } | Failure;

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: string, message: string): Failure => ({ ok: false, error: { code, message } });

/** Who is calling: the WeChat OPENID, given by the platform (never by the request body). */
export interface Caller {
  openid: string;
}
