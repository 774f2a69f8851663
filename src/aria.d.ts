// View's aria-checked, which WeChat's screen readers read on a checkbox role (drawn into the
// templates through src/components/accessible-labels.json like aria-role and aria-label).
export {};

declare module '@tarojs/components/types/View' {
  interface ViewProps {
    ariaChecked?: boolean;
  }
}
