/**
 * @vitest-environment jsdom
 * The native ID keyboard, rendered by miniprogram-simulate from its source (wxml, js, wxss).
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const simulate = createRequire(import.meta.url)('miniprogram-simulate');
const id = simulate.load(resolve('src/components/native-id-keyboard/index'));

function keyboard(value = '') {
  const comp = simulate.render(id, { value });
  comp.attach(document.createElement('parent-wrapper'));
  const emitted: string[] = [];
  comp.addEventListener('change', (e: { detail: { value: string } }) => emitted.push(e.detail.value));
  const key = (k: string) => comp.querySelectorAll('.key').find((n: any) => n.dom.getAttribute('data-key') === k || n.dataset?.key === k);
  const tap = (k: string) => key(k).dispatchEvent('tap');
  return { comp, emitted, tap, key };
}

describe('native-id-keyboard', () => {
  it('types digits and deletes', async () => {
    const k = keyboard();
    k.tap('3');
    k.tap('7');
    k.tap('del');
    k.tap('0');
    await simulate.sleep(0);
    expect(k.emitted).toEqual(['3', '37', '3', '30']);
  });

  it('takes X only as the 18th character, and nothing after 18', async () => {
    const k = keyboard('1234567890123456');
    k.tap('X');
    k.tap('7');
    k.tap('X');
    k.tap('1');
    await simulate.sleep(0);
    expect(k.emitted).toEqual(['12345678901234567', '12345678901234567X']);
  });

  it('greys out X until it can be typed', async () => {
    const k = keyboard('1234567890123456');
    expect(k.key('X').dom.className).toContain('off');
    k.tap('7');
    await simulate.sleep(0);
    expect(k.key('X').dom.className).not.toContain('off');
  });
});
