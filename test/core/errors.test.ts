/** Errors in words: field names for API callers, never for a resident. */
import { describe, expect, it } from 'vitest';
import { describeForPeople, describeIssue } from '../../src/contracts/errors';
import { functionEvents } from '../../src/contracts/functions';

// As the server and the CLI parse (reportInput: the input tells a missing field from a wrong type).
const lookup = (event: unknown) => functionEvents.lookupHousehold.safeParse(event, { reportInput: true }).error!;

describe('describeForPeople', () => {
  it("says the rule's own words, without the field", () => {
    expect(describeForPeople(lookup({ name: ' ', idNumber: '370481198505050113' }))).toBe('请输入姓名');
    expect(describeForPeople(lookup({ name: '张三', idNumber: '12345' }))).toBe('证件号码应为18位数字，最后一位可以是X');
  });

  it('asks to check what was typed where the rule has no words of its own', () => {
    expect(describeForPeople(lookup({ name: 3, idNumber: '370481198505050113' }))).toBe('填写的内容有误，请检查后重试');
  });

  it('keeps the field for callers of the API, and tells a wrong type from a missing field', () => {
    expect(describeIssue(lookup({ name: 3, idNumber: '370481198505050113' }))).toBe('字段 name 应为文字');
    expect(describeIssue(lookup({ idNumber: '370481198505050113' }))).toBe('缺少字段 name');
  });
});
