/**
 * The built weapp (dist/) run as WeChat runs it, in a Node `vm` context that has only what a
 * mini-program's JS engine has: `wx`, `App`, `Page`, `Component`, `getApp`, `getCurrentPages`,
 * timers and console — no `process`, `window`, `document` or `global`; a test may take away more
 * (BigInt, globalThis) as older engines lack them. Each dist file is wrapped as WeChat wraps it (require, module, exports). `setData` is
 * applied to a plain data tree with Taro's paths, so a test can read what the page renders (the
 * same tree base.wxml draws) and send events through the page's own `eh` handler, as WeChat
 * would when the resident taps or types.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import vm from 'node:vm';

export interface TaroNode {
  nn: string;
  sid: string;
  uid?: string;
  v?: string;
  cn?: TaroNode[];
  [prop: string]: unknown;
}

export interface Recorded {
  api: string;
  args: unknown[];
}

interface PageInstance {
  data: { root?: { cn: TaroNode[] } };
  eh(event: unknown): unknown;
  [hook: string]: unknown;
}

/** Applies a Taro setData path ("root.cn.[0].cn.[2].v") to a data tree. */
function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.').map((k) => (/^\[\d+\]$/.test(k) ? Number(k.slice(1, -1)) : k));
  let at: any = target;
  keys.slice(0, -1).forEach((k, i) => {
    if (at[k] === undefined || at[k] === null) at[k] = typeof keys[i + 1] === 'number' ? [] : {};
    at = at[k];
  });
  at[keys.at(-1)!] = value;
}

export class WeappRuntime {
  readonly calls: Recorded[] = [];
  readonly context: vm.Context;
  private readonly modules = new Map<string, { exports: unknown }>();
  private appConfig: Record<string, any> | undefined;
  private pageConfigs = new Map<string, Record<string, any>>();
  private pages: PageInstance[] = [];
  private storage = new Map<string, unknown>();
  /** Answers to wx.cloud.callFunction by function name. */
  cloudAnswers: Record<string, unknown> = {};
  /** Module path being loaded, so Page() knows which page registers. */
  private loading = '';

  constructor(
    private readonly dist: string,
    extra: Record<string, unknown> = {},
  ) {
    const record =
      (api: string, answer: (...args: any[]) => unknown = () => undefined) =>
      (...args: any[]) => {
        this.calls.push({ api, args });
        return answer(...args);
      };
    const async = (api: string, result: (...args: any[]) => unknown = () => ({ errMsg: `${api}:ok` })) =>
      record(api, (options: any = {}) => {
        const r = result(options);
        options.success?.(r);
        options.complete?.(r);
        return Promise.resolve(r);
      });
    const systemInfo = { platform: 'ios', system: 'iOS 14.0', SDKVersion: '3.3.4', version: '8.0.50', pixelRatio: 2, windowWidth: 375, windowHeight: 812, screenWidth: 375, screenHeight: 812, fontSizeSetting: 16, language: 'zh_CN', safeArea: { bottom: 778 } };
    const wx = {
      getSystemInfoSync: record('getSystemInfoSync', () => systemInfo),
      getAppBaseInfo: record('getAppBaseInfo', () => ({ SDKVersion: '3.3.4', fontSizeSetting: 16, language: 'zh_CN', version: '8.0.50' })),
      getWindowInfo: record('getWindowInfo', () => systemInfo),
      getDeviceInfo: record('getDeviceInfo', () => systemInfo),
      getStorageSync: record('getStorageSync', (k: string) => this.storage.get(k) ?? ''),
      setStorageSync: record('setStorageSync', (k: string, v: unknown) => void this.storage.set(k, v)),
      removeStorageSync: record('removeStorageSync', (k: string) => void this.storage.delete(k)),
      getStorage: async('getStorage', (o: any) => ({ data: this.storage.get(o.key) })),
      setStorage: async('setStorage', (o: any) => (this.storage.set(o.key, o.data), { errMsg: 'setStorage:ok' })),
      navigateTo: async('navigateTo'),
      redirectTo: async('redirectTo'),
      navigateBack: async('navigateBack'),
      showToast: async('showToast'),
      showModal: async('showModal', () => ({ confirm: true })),
      showLoading: async('showLoading'),
      hideLoading: async('hideLoading'),
      setNavigationBarTitle: async('setNavigationBarTitle'),
      pageScrollTo: async('pageScrollTo'),
      // A resident's choices where WeChat asks: the first action, a photo, "允许" — each recorded.
      showActionSheet: async('showActionSheet', () => ({ tapIndex: 0, errMsg: 'showActionSheet:ok' })),
      chooseMedia: async('chooseMedia', () => ({ type: 'image', tempFiles: [{ tempFilePath: 'wxfile://tmp/proof.jpg', size: 180_000, fileType: 'image' }], errMsg: 'chooseMedia:ok' })),
      chooseMessageFile: async('chooseMessageFile', () => ({ tempFiles: [{ path: 'wxfile://tmp/proof.pdf', size: 240_000, name: '死亡医学证明.pdf', type: 'file' }], errMsg: 'chooseMessageFile:ok' })),
      requestSubscribeMessage: async('requestSubscribeMessage', (o: { tmplIds: string[] }) => ({ ...Object.fromEntries(o.tmplIds.map((id) => [id, 'accept'])), errMsg: 'requestSubscribeMessage:ok' })),
      previewImage: async('previewImage'),
      downloadFile: async('downloadFile', () => ({ tempFilePath: 'wxfile://tmp/download.pdf', statusCode: 200, errMsg: 'downloadFile:ok' })),
      openDocument: async('openDocument'),
      nextTick: (fn: () => void) => setTimeout(fn, 0),
      canIUse: () => true,
      getMenuButtonBoundingClientRect: () => ({ top: 48, bottom: 80, height: 32, width: 87, left: 281, right: 368 }),
      onAppRoute: () => undefined,
      createSelectorQuery: () => ({ select: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }), selectAll: () => ({}), exec: () => undefined, in: () => ({}) }),
      cloud: {
        init: record('cloud.init'),
        callFunction: record('cloud.callFunction', (options: { name: string }) => Promise.resolve({ result: this.cloudAnswers[options.name] ?? { ok: false, error: { code: 'INTERNAL', message: '未设定' } } })),
        uploadFile: record('cloud.uploadFile', (options: { cloudPath: string }) => Promise.resolve({ fileID: `cloud://yibao-test.bucket/${options.cloudPath}`, statusCode: 204, errMsg: 'cloud.uploadFile:ok' })),
      },
    };
    const context: Record<string, unknown> = {
      wx,
      console,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      Promise,
      App: (config: Record<string, any>) => void (this.appConfig = config),
      Page: (config: Record<string, any>) => void this.pageConfigs.set(this.loading, config),
      Component: (config: Record<string, any>) => void this.pageConfigs.set(this.loading, config),
      Behavior: (b: unknown) => b,
      getApp: () => this.appConfig,
      getCurrentPages: () => this.pages,
      requirePlugin: () => ({}),
      ...extra,
    };
    this.context = vm.createContext(context);
    // Only what a mini-program's engine has: the vm gives each context its own built-ins; these
    // are the ones WeChat does not provide.
    vm.runInContext('delete this.process; delete this.global; delete this.window; delete this.document', this.context);
    // What a test names as undefined is absent, as on an engine without it (a ReferenceError).
    for (const name of Object.keys(extra).filter((k) => extra[k] === undefined)) vm.runInContext(`delete this[${JSON.stringify(name)}]`, this.context);
  }

  /** Loads a dist file as WeChat does (each file its own function with require/module/exports). */
  require(path: string): unknown {
    const file = normalize(path.endsWith('.js') ? path : `${path}.js`);
    const cached = this.modules.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    this.modules.set(file, module);
    const source = readFileSync(join(this.dist, file), 'utf8');
    const fn = vm.runInContext(`(function (require, module, exports) {${source}\n})`, this.context, { filename: join(this.dist, file) }) as (r: unknown, m: unknown, e: unknown) => void;
    const previous = this.loading;
    this.loading = file.replace(/\.js$/, '');
    fn((p: string) => this.require(p.startsWith('.') ? join(dirname(file), p) : p), module, module.exports);
    this.loading = previous;
    return module.exports;
  }

  /** The config a loaded file passed to Page() or Component(). */
  registered(path: string): Record<string, any> | undefined {
    return this.pageConfigs.get(path);
  }

  /** Boots the app: app.js, then onLaunch and onShow as WeChat calls them. */
  launch(): void {
    this.require('app.js');
    if (!this.appConfig) throw new Error('dist/app.js did not call App()');
    this.appConfig.onLaunch?.call(this.appConfig, { path: 'pages/index/index', query: {}, scene: 1001 });
    this.appConfig.onShow?.call(this.appConfig, { path: 'pages/index/index', query: {}, scene: 1001 });
  }

  /** Opens a page: loads its module, makes an instance whose setData applies paths, runs its lifecycle. */
  open(route: string, query: Record<string, string> = {}): PageInstance {
    this.require(`${route}.js`);
    const config = this.pageConfigs.get(route);
    if (!config) throw new Error(`${route}.js did not call Page()`);
    const page = Object.create(config) as PageInstance & Record<string, any>;
    page.data = structuredClone(config.data ?? {});
    page.route = route;
    page.__wxWebviewId__ = this.pages.length + 1;
    page.__wxExparserNodeId__ = `page-${this.pages.length + 1}`;
    page.setData = (patch: Record<string, unknown>, callback?: () => void) => {
      for (const [path, value] of Object.entries(patch)) setPath(page.data as Record<string, unknown>, path, value);
      if (callback) setTimeout(callback, 0);
    };
    page.selectComponent = () => null;
    page.createSelectorQuery = () => ({ select: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }), exec: () => undefined });
    this.pages.push(page);
    page.onLoad?.call(page, query);
    page.onShow?.call(page);
    page.onReady?.call(page);
    return page;
  }

  /** Every node the page renders, depth first. */
  nodes(page: PageInstance): TaroNode[] {
    const out: TaroNode[] = [];
    const walk = (n: TaroNode) => (out.push(n), (n.cn ?? []).forEach(walk));
    (page.data.root?.cn ?? []).forEach(walk);
    return out;
  }

  /** Each node with its template level: root's children are drawn by tmpl_0, their children by tmpl_1… */
  levels(page: PageInstance): Array<{ node: TaroNode; level: number }> {
    const out: Array<{ node: TaroNode; level: number }> = [];
    const walk = (n: TaroNode, level: number) => (out.push({ node: n, level }), (n.cn ?? []).forEach((c) => walk(c, level + 1)));
    (page.data.root?.cn ?? []).forEach((n) => walk(n, 0));
    return out;
  }

  /** The text a node shows (its own and its children's). */
  text(node: TaroNode): string {
    return (node.v ?? '') + (node.cn ?? []).map((c) => this.text(c)).join('');
  }

  /** Sends an event to a node through the page's handler, as WeChat does for bind*="eh". */
  dispatch(page: PageInstance, node: TaroNode, type: string, detail: Record<string, unknown> = {}) {
    const id = node.uid ?? node.sid;
    const target = { id, dataset: { sid: node.sid } };
    return page.eh({ type, timeStamp: Date.now(), detail, target, currentTarget: target, mark: {} });
  }

  cloudCalls(): Array<{ name: string; data: unknown }> {
    return this.calls.filter((c) => c.api === 'cloud.callFunction').map((c) => c.args[0] as { name: string; data: unknown });
  }
}
