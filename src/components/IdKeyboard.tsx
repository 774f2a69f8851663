/** The native ID keyboard (weapp only; see native-id-keyboard/), as a React component for pages. */
import { createElement } from 'react';

export function IdKeyboard({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  // A string tag: Taro renders it as the native component the page lists in usingComponents.
  return createElement('id-keyboard', { value, onChange: (e: { detail: { value: string } }) => onChange(e.detail.value) });
}
