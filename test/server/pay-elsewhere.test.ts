/** The deployment setting of regions paid at the tax bureau's entry: read strictly, said plainly. */
import { describe, expect, it } from 'vitest';
import { parsePayElsewhere } from '../../src/server/pay-elsewhere';

describe('PAY_ELSEWHERE', () => {
  it('is empty when unset, and reads regions with their entry (appId and path optional)', () => {
    expect(parsePayElsewhere('', 'PAY_ELSEWHERE')).toEqual({});
    expect(parsePayElsewhere('{"dingtao": {"name": "山东税务社保费缴纳", "appId": "wx0123456789abcdef", "path": "pages/pay"}, "qixian": {"name": "医保大厅税务窗口"}}', 'PAY_ELSEWHERE')).toEqual({
      dingtao: { name: '山东税务社保费缴纳', appId: 'wx0123456789abcdef', path: 'pages/pay' },
      qixian: { name: '医保大厅税务窗口', appId: null, path: null },
    });
  });

  it('refuses what is not the setting, naming the variable', () => {
    for (const bad of ['{', '[]', '{"dingtao": {}}', '{"dingtao": {"name": "x", "appId": "not-an-appid"}}', '{"Ding Tao": {"name": "x"}}', '{"dingtao": {"name": "x", "url": "http://"}}']) {
      expect(() => parsePayElsewhere(bad, 'PAY_ELSEWHERE'), bad).toThrow(/PAY_ELSEWHERE/);
    }
  });
});
