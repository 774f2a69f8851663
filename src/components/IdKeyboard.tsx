/** The native ID keyboard (weapp only; see native-id-keyboard/), as a React component for pages. */
export function IdKeyboard({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  // JSX, not createElement: Taro's build reads the attributes used here to write the component's
  // template in dist/base.wxml (value, bindchange); a bare createElement got neither.
  return <id-keyboard value={value} onChange={(e) => onChange(e.detail.value)} />;
}
