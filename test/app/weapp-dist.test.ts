/**
 * The weapp build as WeChat would run it: `npm run build:weapp` into dist/, then checks on that
 * output — not on the H5 build, which has its own, different failure modes.
 * Static: nothing reads `process` at run time; every native component's template carries its
 * properties and events; every page of app.json exists; sitemap.json is there; the main package
 * fits its budget; every JS file parses at the level of the oldest JavaScript engine a supported
 * WeChat runs on (iOS 12's JavaScriptCore: ES2019 syntax, no regex lookbehind; project.config.json:
 * `es6: false`, so WeChat DevTools does not transpile; libVersion is the declared minimum).
 * Boot: dist/app.js and the home page run in a `vm` with only a mini-program's globals; the
 * resident types a name, types an ID on the native keyboard, taps 查询, and the page calls
 * wx.cloud.callFunction('lookupHousehold') with exactly that; a relative asks for a death refund
 * with a photo (wx.chooseMedia → wx.cloud.uploadFile into refund-proofs/) and consents to one
 * subscription message (wx.requestSubscribeMessage) before the reminder is asked for.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, type Token } from 'acorn';
import { beforeAll, describe, expect, it } from 'vitest';
import { idNumber } from '../support/people';
import { WeappRuntime, type TaroNode } from '../support/weapp-runtime';

/** Polls allow for a loaded 2-core machine (vitest's default is one second). */
const POLL = { timeout: 10_000 };

const dist = join(process.cwd(), 'dist');
/** The main package's budget (everything outside packages/), in bytes. */
const MAIN_PACKAGE_BUDGET = 350 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** base.wxml's templates: which tag each node name (`nn`) draws, and each template's text. */
function templates(): Map<string, { tag: string; body: string }> {
  const wxml = readFileSync(join(dist, 'base.wxml'), 'utf8');
  const out = new Map<string, { tag: string; body: string }>();
  for (const m of wxml.matchAll(/<template name="tmpl_0_([^"]+)">\s*<([a-z-]+)([\s\S]*?)<\/template>/g)) out.set(m[1]!, { tag: m[2]!, body: m[3]! });
  return out;
}

beforeAll(() => {
  execFileSync(process.execPath, ['node_modules/@tarojs/cli/bin/taro', 'build', '--type', 'weapp'], { stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
}, 300_000);

describe('dist/ (weapp), statically', () => {
  it('reads no process.env or process at run time (WeChat has no process)', () => {
    for (const file of files(dist).filter((f) => f.endsWith('.js'))) {
      const source = readFileSync(file, 'utf8');
      expect(source, relative(dist, file)).not.toMatch(/process\.env/);
      expect(source, relative(dist, file)).not.toMatch(/\bprocess\.(nextTick|cwd|argv|platform)\b/);
    }
  });

  it('parses every JS file as iOS 12 does (ES2019 syntax, no regex lookbehind), untranspiled by WeChat', () => {
    const project = JSON.parse(readFileSync('project.config.json', 'utf8'));
    expect(project.setting.es6).toBe(false);
    expect(project.libVersion).toMatch(/^\d+\.\d+\.\d+$/);
    for (const file of files(dist).filter((f) => f.endsWith('.js'))) {
      const lookbehinds: string[] = [];
      const onToken = (t: Token) => {
        const pattern = (t as Token & { value?: { pattern?: string } }).value?.pattern;
        if (t.type.label === 'regexp' && pattern && /\(\?<[=!]/.test(pattern)) lookbehinds.push(pattern);
      };
      // ES2020 (?. ?? 1n) and later fail to parse here; lookbehind parses in ES2018 but fails on iOS < 16.4.
      expect(() => parse(readFileSync(file, 'utf8'), { ecmaVersion: 2019, sourceType: 'script', onToken }), relative(dist, file)).not.toThrow();
      expect(lookbehinds, relative(dist, file)).toEqual([]);
    }
  });

  it('calls no built-in that WeChat’s engines lack at iOS 12: structuredClone (a web API, never there), replaceAll, at()', () => {
    for (const file of files(dist).filter((f) => f.endsWith('.js'))) {
      const source = readFileSync(file, 'utf8');
      expect(source.match(/\bstructuredClone\(|\.replaceAll\(|\.at\(/g) ?? [], relative(dist, file)).toEqual([]);
    }
  });

  it('binds every property and event of each native component in its template', () => {
    const tmpl = templates();
    const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
    const routes = [...app.pages, ...app.subPackages.flatMap((s: { root: string; pages: string[] }) => s.pages.map((p) => `${s.root}/${p}`))];
    const natives = new Map<string, string>();
    for (const route of routes) {
      const json = JSON.parse(readFileSync(join(dist, `${route}.json`), 'utf8'));
      for (const [tag, path] of Object.entries<string>(json.usingComponents ?? {})) if (tag !== 'comp' && tag !== 'custom-wrapper') natives.set(tag, relative(dist, join(dist, route, '..', path)));
    }
    expect([...natives.keys()]).toContain('id-keyboard');
    // The components as built: loaded in the mini-program runtime, their Component() config read.
    const rt = new WeappRuntime(dist);
    rt.launch();
    for (const [tag, path] of natives) {
      rt.require(`${path}.js`);
      const config = rt.registered(path) as { properties?: object };
      const source = readFileSync(join(dist, `${path}.js`), 'utf8');
      const events = [...source.matchAll(/triggerEvent\(["']([a-z]+)["']/g)].map((m) => m[1]!);
      const body = tmpl.get(tag)?.body ?? '';
      expect(Object.keys(config.properties ?? {}).length + events.length, tag).toBeGreaterThan(0);
      for (const p of Object.keys(config.properties ?? {})) expect(body, `${tag}.${p}`).toContain(`${p}="{{i.${p}}}"`);
      for (const e of events) expect(body, `${tag} bind${e}`).toContain(`bind${e}="eh"`);
    }
  });

  it('has every page and subpackage app.json lists, a sitemap, and a main package within budget', () => {
    const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
    const routes = [...app.pages, ...app.subPackages.flatMap((s: { root: string; pages: string[] }) => s.pages.map((p) => `${s.root}/${p}`))];
    for (const route of routes) for (const ext of ['js', 'json', 'wxml']) expect(existsSync(join(dist, `${route}.${ext}`)), `${route}.${ext}`).toBe(true);
    expect(existsSync(join(dist, app.sitemapLocation ?? 'sitemap.json'))).toBe(true);
    const main = files(dist).filter((f) => !relative(dist, f).startsWith('packages/') && !f.endsWith('.LICENSE.txt'));
    const bytes = main.reduce((sum, f) => sum + statSync(f).size, 0);
    expect(bytes).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET);
  });
});

describe('dist/ (weapp), booted as WeChat boots it', () => {
  it('starts on the oldest engine: no BigInt (iOS 13 and older), no globalThis (iOS 12.0–12.1), no Function constructor (WeChat forbids it) — zod reads the first two at load', async () => {
    const forbidden = () => {
      throw new Error('Function constructor is not allowed');
    };
    const rt = new WeappRuntime(dist, { BigInt: undefined, globalThis: undefined, Function: forbidden });
    rt.cloudAnswers.onSale = { ok: true, data: { today: '2026-12-02', regions: [], pending: [] } };
    rt.launch();
    const page = rt.open('pages/index/index');
    await expect.poll(() => rt.cloudCalls().map((c) => c.name), POLL).toContain('onSale');
    await expect.poll(() => rt.nodes(page).some((n) => rt.text(n).includes('今天是2026年12月2日')), POLL).toBe(true);
  });

  it('launches, shows the home page, takes an ID from the native keyboard and looks it up through wx.cloud', async () => {
    const rt = new WeappRuntime(dist);
    rt.cloudAnswers.onSale = { ok: true, data: { today: '2026-12-02', regions: [] } };
    rt.launch();
    expect(rt.calls.find((c) => c.api === 'cloud.init')).toBeDefined();
    expect(JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'))).toMatchObject({ __usePrivacyCheck__: true, lazyCodeLoading: 'requiredComponents' });
    const page = rt.open('pages/index/index');
    const tags = templates();
    // Inputs draw through a focus/blur pair of templates; the tag is inside them.
    const templateOf = (n: TaroNode) => (tags.get(n.nn)?.tag === 'template' ? tags.get(`${n.nn}_blur`) : tags.get(n.nn));
    const tagOf = (n: TaroNode) => templateOf(n)?.tag ?? n.nn;
    /** An attribute as the template draws it: Taro stores it under a short key (p0, p1…). */
    const attr = (n: TaroNode, name: string) => {
      const key = new RegExp(` ${name}="\\{\\{(?:xs\\.b\\()?i\\.(\\w+)`).exec(templateOf(n)?.body ?? '')?.[1];
      return key ? n[key] : undefined;
    };
    /** What WeChat does when the resident acts: only events the drawn template binds reach the page. */
    const send = (n: TaroNode, type: string, detail: Record<string, unknown> = {}) => {
      expect(templateOf(n)?.body, `${tagOf(n)} bind${type}`).toMatch(new RegExp(`(bind|catch)${type}="eh"`));
      rt.dispatch(page, n, type, detail);
    };
    await expect.poll(() => rt.cloudCalls().map((c) => c.name), POLL).toContain('onSale');
    // Nothing can be typed before the resident agrees to the privacy guide; the agreement is the
    // button WeChat's privacy check knows (open-type agreePrivacyAuthorization).
    const agree = () => rt.nodes(page).find((n) => tagOf(n) === 'button' && rt.text(n) === '我已阅读并同意《用户隐私保护指引》');
    await expect.poll(() => agree() !== undefined, POLL).toBe(true);
    expect(rt.nodes(page).some((n) => tagOf(n) === 'id-keyboard')).toBe(false);
    expect(attr(agree()!, 'open-type')).toBe('agreePrivacyAuthorization');
    // Labels for screen readers reach the template (Taro's own weapp templates drop aria-*).
    const elderlySwitch = rt.nodes(page).find((n) => tagOf(n) === 'button' && attr(n, 'aria-label') === '大字模式');
    expect(elderlySwitch, 'the elderly-mode switch carries aria-label').toBeDefined();
    send(agree()!, 'tap');
    await expect.poll(() => rt.nodes(page).some((n) => tagOf(n) === 'id-keyboard'), POLL).toBe(true);

    const id = idNumber('371703', '1975-07-07', '051');
    const nameInput = rt.nodes(page).find((n) => tagOf(n) === 'input' && n.uid === 'name')!;
    expect(nameInput).toBeDefined();
    send(nameInput, 'input', { value: '赵大海' });
    const keyboard = rt.nodes(page).find((n) => tagOf(n) === 'id-keyboard')!;
    // base.wxml draws a few levels; deeper nodes are drawn inside Taro's `comp` component, where a
    // native component not declared in comp.json would not render at all.
    const drawnLevels = new Set([...readFileSync(join(dist, 'base.wxml'), 'utf8').matchAll(/<template name="tmpl_(\d+)_/g)].map((m) => m[1])).size;
    const compDeclares = Object.keys(JSON.parse(readFileSync(join(dist, 'comp.json'), 'utf8')).usingComponents ?? {});
    const keyboardLevel = rt.levels(page).find((l) => l.node === keyboard)!.level;
    expect(keyboardLevel < drawnLevels || compDeclares.includes('id-keyboard'), `id-keyboard at level ${keyboardLevel}, base.wxml draws ${drawnLevels}`).toBe(true);
    const button = () => rt.nodes(page).find((n) => tagOf(n) === 'button' && rt.text(n) === '查询')!;
    expect(attr(button(), 'disabled')).toBe(true);
    send(keyboard, 'change', { value: id });
    // The page shows the number back (the display above the keyboard) and 查询 becomes enabled
    // (the prop left out: Taro sends '' for a removed attribute, which WXML reads as false).
    await expect.poll(() => rt.text(rt.nodes(page).find((n) => n.uid === 'id-number')!), POLL).toBe(id);
    await expect.poll(() => Boolean(attr(button(), 'disabled')), POLL).toBe(false);

    rt.cloudAnswers.lookupHousehold = { ok: false, error: { code: 'NOT_FOUND', message: '没有找到' } };
    send(button(), 'tap');
    await expect.poll(() => rt.cloudCalls().find((c) => c.name === 'lookupHousehold')?.data, POLL).toEqual({ name: '赵大海', idNumber: id });
    // The refusal is said at the top of the page, and the page scrolls up to it.
    await expect.poll(() => rt.calls.some((c) => c.api === 'pageScrollTo'), POLL).toBe(true);
  });

  it('a death refund on weapp: a photo into cloud storage\'s refund-proofs/, the request with its fileID, then consent to one message in the tap before subscribing', async () => {
    const rt = new WeappRuntime(dist);
    rt.cloudAnswers.refundCheck = { ok: true, data: { eligible: true, amount: '120.00', reason: '可以退费', citations: ['医保办函〔2021〕11号 第十六条'], productDefault: false, notice: { id: 'demo-2027', region: '示范县', coverageYear: 2027 } } };
    rt.cloudAnswers.requestRefund = { ok: true, data: { eligible: true, amount: '120.00', reason: '可以退费', citations: [], productDefault: false, refundNo: 'RF1', status: 'review', statusText: '等待医保经办机构审核', reminderTemplateId: 'tmpl-refund' } };
    rt.cloudAnswers.subscribeReminder = { ok: true, data: { kind: 'refund', sendOn: null, payBy: null } };
    rt.launch();
    const page = rt.open('packages/records/refund/index', { orderNo: 'YB1', memberId: 'SF-0003-2', name: encodeURIComponent('卫*山') });
    const tags = templates();
    const tap = (text: string) => {
      const node = rt.nodes(page).find((n) => tags.get(n.nn)?.tag === 'button' && rt.text(n) === text);
      expect(node, text).toBeDefined();
      rt.dispatch(page, node!, 'tap');
    };
    const shows = (text: string) => expect.poll(() => rt.nodes(page).some((n) => rt.text(n).includes(text)), POLL).toBe(true);
    await shows('参保人死亡');
    tap('参保人死亡');
    await shows('证明材料（必须上传）');
    tap('上传证明材料');
    await expect.poll(() => rt.calls.find((c) => c.api === 'cloud.uploadFile')?.args[0], POLL).toMatchObject({ cloudPath: expect.stringMatching(/^refund-proofs\/[a-z0-9]+\.jpg$/), filePath: 'wxfile://tmp/proof.jpg' });
    expect(rt.calls.map((c) => c.api).filter((a) => ['showActionSheet', 'chooseMedia'].includes(a))).toEqual(['showActionSheet', 'chooseMedia']);
    await shows('已上传：照片');
    for (const [uid, value] of [['applicant-name', '蒋红'], ['applicant-phone', '13800000000']]) {
      rt.dispatch(page, rt.nodes(page).find((n) => n.uid === uid)!, 'input', { value });
    }
    tap('申请退费');
    const { cloudPath } = rt.calls.find((c) => c.api === 'cloud.uploadFile')!.args[0] as { cloudPath: string };
    await expect.poll(() => rt.cloudCalls().find((c) => c.name === 'requestRefund')?.data, POLL).toMatchObject({ reason: 'death', proof: `cloud://yibao-test.bucket/${cloudPath}`, applicant: { name: '蒋红', phone: '13800000000' } });
    await shows('审核和退款结果通知我（微信服务通知）');
    tap('审核和退款结果通知我（微信服务通知）');
    await expect.poll(() => rt.cloudCalls().find((c) => c.name === 'subscribeReminder')?.data, POLL).toEqual({ kind: 'refund', refundNo: 'RF1' });
    // WeChat's consent dialog first, for the template the server named; only then the subscription.
    const order = rt.calls.map((c) => (c.api === 'cloud.callFunction' ? `cloud:${(c.args[0] as { name: string }).name}` : c.api)).filter((a) => a === 'requestSubscribeMessage' || a === 'cloud:subscribeReminder');
    expect(order).toEqual(['requestSubscribeMessage', 'cloud:subscribeReminder']);
    expect(rt.calls.find((c) => c.api === 'requestSubscribeMessage')!.args[0]).toMatchObject({ tmplIds: ['tmpl-refund'] });
    await shows('已订阅：有结果时通过微信服务通知告诉您');
  });
});
