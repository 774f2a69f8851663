/**
 * WeChat's screen readers read `aria-role` and `aria-label` on components, but Taro's weapp
 * component definitions carry neither, so labels written in JSX (ariaLabel, ariaRole) never
 * reached base.wxml. The attributes (src/components/accessible-labels.json) are added twice, in
 * the same order after the platform's own: here to the templates, and in app.ts to the
 * definitions the runtime derives its attribute keys from. With only one side every attribute
 * after them would be drawn from the wrong key; the dist test checks both.
 */
import type { IPluginContext } from '@tarojs/service';
import labelled from '../../src/components/accessible-labels.json';

interface Template {
  mergeComponents(ctx: IPluginContext, patch: Record<string, Record<string, string>>): void;
}

export default (ctx: IPluginContext) => {
  ctx.modifyComponentConfig(({ config }: { config: unknown }) => {
    // Only mini-program builds have a template; H5 renders aria-* as the browser expects.
    (config as { template?: Template }).template?.mergeComponents(ctx, labelled);
  });
};
