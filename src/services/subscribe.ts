/**
 * H5 (local sandbox): there is no WeChat consent dialog; the sandbox stands in for the resident's
 * "允许" (subscribe.weapp.ts asks for real) and its outbox takes the message.
 */
export async function askConsent(_templateId: string): Promise<{ ok: true } | { ok: false; message: string }> {
  return { ok: true };
}
