/**
 * @vitest-environment jsdom
 * A member as the payer sees it: masked, every amount explained, the subsidy category only inside
 * the explanation (PIPL), the waiting period called out before paying.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MemberCard } from '../../src/components/MemberCard';
import type { QuotedMember } from '../../src/contracts/replies';

afterEach(cleanup);

const DIBAO: QuotedMember = {
  memberId: 'QX-1', name: '王*国', idNumber: '3****************1', birthYear: 1980, outcome: 'pay',
  standard: '320.00', subsidy: { identity: 'dibao', amount: '280.00', timing: 'offset' }, due: '40.00',
  coverageStart: '2022-01-01', coverageEnd: '2022-12-31', entry: 'on_time', reason: '低保对象个人缴费由财政资助280元', citations: ['qixian-2022 §四(二)'],
};

describe('MemberCard', () => {
  it('shows the subsidy as a neutral 政府资助 and its category only when "why" is opened', () => {
    render(<MemberCard member={DIBAO} today='2021-11-01' selected onToggle={() => {}} notice={{ id: 'qixian-2022', region: '蕲县', coverageYear: 2022 }} />);
    expect(screen.getByText('政府资助（直接减免）')).toBeTruthy();
    expect(screen.getByText('−280.00 元')).toBeTruthy();
    expect(document.body.textContent).not.toContain('低保');
    fireEvent.click(screen.getByText('为什么是这个金额？'));
    expect(document.body.textContent).toContain('资助类别：低保对象');
    // The clause named by its notice, not by its code.
    expect(document.body.textContent).toContain('蕲县2022年度参保缴费通知 四(二)');
    expect(document.body.textContent).not.toContain('qixian-2022 §');
  });

  it('calls out the waiting period of a late payment before paying', () => {
    render(<MemberCard member={{ ...DIBAO, subsidy: null, entry: 'late', coverageStart: '2024-06-11', coverageEnd: '2024-12-31' }} today='2024-03-10' selected onToggle={() => {}} />);
    expect(document.querySelector('.warn')?.textContent).toBe('等待期：自2024年6月11日起才能报销，在此之前发生的医疗费用不能报销');
  });

  it('tells the parents of a child born last year that its birth year is not in this order, and where to pay it', () => {
    const newborn: QuotedMember = { ...DIBAO, memberId: 'SF-1', name: '郑*满', birthYear: 2026, subsidy: null, standard: '400.00', due: '400.00', coverageStart: '2027-01-01', coverageEnd: '2027-12-31', entry: 'newborn' };
    render(<MemberCard member={newborn} today='2026-12-02' selected onToggle={() => {}} />);
    expect(document.querySelector('#birth-year-SF-1')?.textContent).toBe('孩子出生在2026年：本次缴费自2027年1月1日起享受待遇。出生当年的医疗费用须另缴2026年度的保费才能报销，请尽快到医保经办窗口咨询办理（医保服务热线 12393）');
    cleanup();
    // Offered on the same page (the quote's birthYear): pointed there, not to the counter.
    render(<MemberCard member={newborn} today='2026-12-02' selected onToggle={() => {}} birthYearOffered />);
    expect(document.querySelector('#birth-year-SF-1')?.textContent).toBe('孩子出生在2026年：本次缴费自2027年1月1日起享受待遇。出生当年的医疗费用须另缴2026年度的保费才能报销，请在下方“出生当年保费”一并缴纳');
    cleanup();
    // Born in the coverage year itself: covered from birth, nothing to add.
    render(<MemberCard member={{ ...newborn, birthYear: 2027, coverageStart: '2027-01-10' }} today='2027-02-01' selected onToggle={() => {}} />);
    expect(document.querySelector('#birth-year-SF-1')).toBeNull();
  });

  it('lists what the notice gives of the counter, says what it does not, and always 12393', () => {
    const counter = { name: '示范县医疗保障服务中心', address: '示范县人民路1号', phone: '0000-12393', hours: '工作日9:00–17:00', bring: null, relativeMayGo: null };
    render(<MemberCard member={{ memberId: 'X', name: '李*', idNumber: '1****************2', birthYear: 1990, outcome: 'counter', office: '示范县医疗保障服务中心', reason: '非本地户籍且无居住证，请到窗口办理', citations: ['c'] }} today='2026-12-02' selected={false} onToggle={() => {}} counter={counter} />);
    const text = document.querySelector('.counter-details')?.textContent;
    expect(text).toContain('办理地点：示范县医疗保障服务中心');
    expect(text).toContain('地址：示范县人民路1号');
    expect(text).toContain('电话：0000-12393');
    expect(text).toContain('办公时间：工作日9:00–17:00');
    expect(text).toContain('所需材料、能否由亲属代办本地通知未载明，可拨打全国医疗保障服务热线 12393 咨询');
  });

  it('keeps the reason a member cannot pay folded, and names the office for the counter', () => {
    render(<MemberCard member={{ memberId: 'X', name: '李*', idNumber: '3****************2', birthYear: 1990, outcome: 'counter', office: '县医保中心', reason: '服刑人员参保请到窗口办理', citations: ['c'] }} today='2024-03-10' selected={false} onToggle={() => {}} />);
    expect(document.body.textContent).toContain('办理地点：县医保中心');
    expect(document.body.textContent).not.toContain('服刑');
    fireEvent.click(screen.getByText('查看原因'));
    expect(document.body.textContent).toContain('服刑');
  });

  it('toggles selection from a target the size of a fingertip', () => {
    let toggled = 0;
    render(<MemberCard member={DIBAO} today='2021-11-01' selected={false} onToggle={() => toggled++} />);
    fireEvent.click(screen.getByRole('checkbox', { name: '选择王*国' }));
    expect(toggled).toBe(1);
  });
});
