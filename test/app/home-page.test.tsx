/**
 * @vitest-environment jsdom
 * The home page with the service layer's transport replaced: what it sends, what it shows, where it goes.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idNumber } from '../support/people';
import { PRIVACY_GUIDE_VERSION } from '../../src/state/privacy';
import { navigations, scrolls, storage } from './shims/taro';

const sent: Array<{ name: string; data: unknown }> = [];
const replies: Record<string, unknown> = {};
vi.mock('../../src/services/transport', () => ({
  callFunction: async (name: string, data: unknown) => {
    sent.push({ name, data });
    return replies[name];
  },
  callSandbox: async () => ({ ok: false }),
}));
const { default: Home } = await import('../../src/pages/index/index');

const WHO = { name: '张德明', idNumber: idNumber('370481', '1955-03-12', '003') };

beforeEach(() => {
  sent.length = 0;
  navigations.length = 0;
  storage.clear();
  storage.set('yibao-privacy-consent', PRIVACY_GUIDE_VERSION);
  replies.onSale = { ok: true, data: { today: '2020-12-01', regions: [{ region: 'tengzhou', name: '滕州市', coverageYear: 2021, opens: '2020-09-01', closes: '2020-12-20', cite: 'tengzhou-2021 §三' }] } };
});
afterEach(cleanup);

function type(id: string, value: string) {
  fireEvent.change(document.querySelector(`#${id}`)!, { target: { value } });
}

describe('home page', () => {
  it('asks consent to the privacy guide before a name or ID number can be typed, and remembers it', async () => {
    storage.clear();
    render(<Home />);
    expect(document.querySelector('#name')).toBeNull();
    expect(document.querySelector('#id-number')).toBeNull();
    expect(screen.getByText(/姓名、身份证号码：核对您家庭的参保登记/)).toBeTruthy();
    fireEvent.click(screen.getByText('我已阅读并同意《用户隐私保护指引》'));
    expect(document.querySelector('#name')).not.toBeNull();
    cleanup();
    render(<Home />);
    expect(document.querySelector('#name')).not.toBeNull();
    expect(screen.queryByText('我已阅读并同意《用户隐私保护指引》')).toBeNull();
  });

  it('says what is on sale today', async () => {
    render(<Home />);
    expect(await screen.findByText('滕州市 2021年度 正在缴费，集中征缴期至2020年12月20日')).toBeTruthy();
  });

  it('refuses a wrong check character as it is typed, and sends nothing', async () => {
    render(<Home />);
    type('name', WHO.name);
    type('id-number', WHO.idNumber.slice(0, 17) + (WHO.idNumber[17] === '1' ? '2' : '1'));
    expect(await screen.findByText('证件号码校验位不正确，请核对后重新输入')).toBeTruthy();
    expect(screen.getByText('查询').className).toContain('disabled');
    expect(sent.map((s) => s.name)).toEqual(['onSale']);
  });

  it('looks the household up, remembers it masked, and opens it', async () => {
    replies.lookupHousehold = { ok: true, data: { householdId: 'TZ-0001', region: 'tengzhou', members: [{ memberId: 'TZ-0001-1', name: '张*明', idNumber: '3****************3', birthYear: 1955 }] } };
    render(<Home />);
    type('name', WHO.name);
    type('id-number', WHO.idNumber);
    fireEvent.click(screen.getByText('查询'));
    await waitFor(() => expect(navigations).toEqual(['/packages/pay/household/index?householdId=TZ-0001']));
    expect(sent.at(-1)).toEqual({ name: 'lookupHousehold', data: WHO });
    expect(storage.get('yibao-recent')).toEqual([{ householdId: 'TZ-0001', region: 'tengzhou', label: '张*明' }]);
  });

  it('shows the server’s message when nobody matches', async () => {
    replies.lookupHousehold = { ok: false, error: { code: 'NOT_FOUND', message: '未找到与该姓名和证件号码相符的参保登记信息' } };
    scrolls.length = 0;
    render(<Home />);
    type('name', WHO.name);
    type('id-number', WHO.idNumber);
    fireEvent.click(screen.getByText('查询'));
    expect(await screen.findByText('未找到与该姓名和证件号码相符的参保登记信息')).toBeTruthy();
    // The message is at the top: the page scrolls up to it.
    expect(scrolls).toEqual([0]);
    expect(navigations).toEqual([]);
  });
});
