/** @tarojs/components as plain DOM for page and component tests in jsdom (the browser tests run the real ones). */
import { createElement, type ReactNode } from 'react';

type Props = { children?: ReactNode; className?: string; id?: string; onClick?: () => void; ariaRole?: string; ariaLabel?: string };
const tag = (name: string) => ({ ariaRole, ariaLabel, ...p }: Props & Record<string, unknown>) => createElement(name, { ...p, role: ariaRole, 'aria-label': ariaLabel });

export const View = tag('div');
export const Text = tag('span');
export function Button({ loading, ariaLabel, ...p }: Props & { disabled?: boolean; loading?: boolean }) {
  void loading;
  return createElement('button', { ...p, 'aria-label': ariaLabel });
}
export function Input({ onInput, ...p }: { onInput?: (e: { detail: { value: string } }) => void; value?: string; id?: string; className?: string; placeholder?: string }) {
  return createElement('input', { ...p, onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }) });
}
