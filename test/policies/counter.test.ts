/** The counter as policy data: only what a notice gives, composed the same way in every sentence. */
import { describe, expect, it } from 'vitest';
import { counterText, counterView } from '../../src/policies/counter';
import { findPolicy } from '../../src/policies/registry';
import { quoteOne } from '../support/people';

describe('counter details', () => {
  it('demo-2027 (DEMO_REGION.md "counter office"): name, address, phone and hours; what to bring and 代办 not given', () => {
    const demo = findPolicy('demo-2027')!;
    expect(counterView(demo)).toEqual({ name: '示范县医疗保障服务中心', address: '示范县人民路1号', phone: '0000-12393', hours: '工作日9:00–17:00', bring: null, relativeMayGo: null });
    expect(counterText(demo)).toBe('示范县医疗保障服务中心（示范县人民路1号，电话0000-12393，工作日9:00–17:00）');
    expect(demo.counter.cite).toBe('demo-2027 §经办窗口');
  });

  it('dingtao-2024 gives only its consultation phone (§七 业务咨询电话); the rest stays null', () => {
    const dingtao = findPolicy('dingtao-2024')!;
    expect(counterView(dingtao)).toMatchObject({ name: '镇（街道）医疗保障窗口', phone: '定陶区医疗保障局 2223639、2750001', address: null, hours: null });
    expect(counterText(dingtao)).toBe('镇（街道）医疗保障窗口（电话定陶区医疗保障局 2223639、2750001）');
  });

  it('a notice that names only the office: the name alone, nothing invented', () => {
    const qixian = findPolicy('qixian-2022')!;
    expect(counterView(qixian)).toEqual({ name: '蕲县镇农合办（镇卫生院医保科）', address: null, phone: null, hours: null, bring: null, relativeMayGo: null });
    expect(counterText(qixian)).toBe('蕲县镇农合办（镇卫生院医保科）');
  });

  it('a member sent to the counter is told the office with what is known of it', () => {
    const m = quoteOne('demo-2027', '2026-12-02', { hukou: 'nonlocal', residencePermit: false });
    expect(m.outcome).toBe('counter');
    expect(m.reason).toContain('请到示范县医疗保障服务中心（示范县人民路1号，电话0000-12393，工作日9:00–17:00）办理');
  });
});
