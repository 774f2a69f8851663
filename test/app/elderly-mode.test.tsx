/**
 * @vitest-environment jsdom
 * Elderly mode: the switch on every page, remembered; WeChat's large-font setting turns it on first.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);

/** A fresh app start: elderly mode reads its setting once per start. */
async function start(fontSizeSetting: number, stored?: string) {
  vi.resetModules();
  const taro = await import('./shims/taro');
  taro.system.fontSizeSetting = fontSizeSetting;
  if (stored) taro.storage.set('yibao-elderly', stored);
  const { Screen } = await import('../../src/components/Screen');
  return { Screen, storage: taro.storage };
}

describe('elderly mode', () => {
  it('switches every page to large text and remembers the choice', async () => {
    const { Screen, storage } = await start(16);
    render(<Screen>内容</Screen>);
    expect(document.querySelector('.screen')?.className).toBe('screen');
    fireEvent.click(screen.getByText('大字模式'));
    expect(document.querySelector('.screen')?.className).toBe('screen elderly');
    expect(storage.get('yibao-elderly')).toBe('on');
  });

  it('starts on when WeChat is set to large text and the resident has not chosen', async () => {
    const { Screen } = await start(20);
    render(<Screen>内容</Screen>);
    expect(document.querySelector('.screen')?.className).toBe('screen elderly');
  });

  it('a choice to turn it off wins over the large-font setting', async () => {
    const { Screen } = await start(20, 'off');
    render(<Screen>内容</Screen>);
    expect(document.querySelector('.screen')?.className).toBe('screen');
  });
});
