// Helpers shared by the browser journeys (run.mjs: one server; replicas.mjs: two replicas on
// one database): failures, navigation, screenshots, page watching and the axe audit.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.SHIEN_CHROMIUM || '/usr/bin/chromium';
export const TIMEOUT_MS = Number(process.env.SHIEN_E2E_TIMEOUT_MS || 15000);
export const AXE_VERSION = require('axe-core/package.json').version;

/** A failed expectation: reported by its message alone, without a stack. */
export class Failure extends Error {}

export function check(condition, message) {
  if (!condition) throw new Failure(message);
}

/** Exits with status 2 when Chromium is not where it should be. */
export function requireChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium fonts-noto-cjk) or set SHIEN_CHROMIUM`);
    process.exit(2);
  }
}

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Full-page screenshots numbered in the order taken: `dir/NN-name.png`. */
export function screenshots(dir) {
  let stepNo = 0;
  const taken = [];
  const shot = async (page, name) => {
    stepNo += 1;
    const file = path.join(dir, `${String(stepNo).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    taken.push(file);
    return file;
  };
  return { shot, taken };
}

/** Visible text of `locator`, whitespace collapsed. */
export async function textOf(locator) {
  return ((await locator.innerText()) || '').replace(/\s+/g, ' ').trim();
}

/** Navigates to an absolute URL and checks the HTTP status (default 200). */
export async function openUrl(page, target, status = 200) {
  const response = await page.goto(target, { waitUntil: 'load' });
  const shown = new URL(target);
  check(response, `no response for ${shown.pathname}${shown.search}`);
  check(response.status() === status, `GET ${shown.pathname}${shown.search}: status ${response.status()}, expected ${status}`);
  return response;
}

/** Clicks something that submits a form or follows a link, and waits for the next document. */
export async function submitAndWait(page, action, expectedStatus = 200) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  check(response, 'the form submission did not navigate');
  check(response.status() === expectedStatus, `${response.request().method()} ${new URL(response.url()).pathname}: status ${response.status()}, expected ${expectedStatus}`);
  return response;
}

/** Page-level problems: uncaught script errors and CSP violations fail the journey. */
export function watch(page, problems) {
  page.on('pageerror', (e) => problems.push(`uncaught script error on ${page.url()}: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`CSP violation on ${page.url()}: ${text}`);
    else if (!/favicon/i.test(text) && !/status of 4\d\d/.test(text)) console.log(`    (console error on ${page.url()}: ${text})`);
  });
}

/** A fresh browser context (its own cookies) in Japanese, Tokyo time, and its page. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...options });
  context.setDefaultTimeout(TIMEOUT_MS);
  context.setDefaultNavigationTimeout(TIMEOUT_MS * 2);
  const page = await context.newPage();
  const problems = [];
  watch(page, problems);
  return { context, page, problems };
}

/** Logs in through the console's form at `base`; the dashboard must follow. */
export async function loginAt(page, base, username, password) {
  check(username && password, 'a staff username and password must be set (see README.md)');
  await openUrl(page, `${base}/admin/login`);
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill(password);
  await submitAndWait(page, () => page.getByRole('button', { name: 'ログイン' }).click());
  check(new URL(page.url()).pathname === '/admin', `login did not reach the dashboard: ${page.url()}`);
}

// ---------------------------------------------------------------------------------------------
// Accessibility: axe-core (WCAG 2.0/2.1 A and AA), headings, labels

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function audit(page, name, expectedLang = 'ja') {
  // The site's CSP forbids inline scripts, so axe is evaluated through the DevTools protocol
  // (page.evaluate), which CSP does not govern, instead of an injected <script> tag.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE_SOURCE);
  const axe = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
    const slim = (v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160), summary: (n.failureSummary || '').replace(/\s+/g, ' ') })) });
    return { violations: r.violations.map(slim), incomplete: r.incomplete.map(slim), passes: r.passes.length };
  }, AXE_TAGS);

  const structure = await page.evaluate(() => {
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({ level: Number(h.tagName[1]), text: h.textContent.trim().slice(0, 40) }));
    const skips = [];
    headings.forEach((h, i) => {
      const prev = i === 0 ? 0 : headings[i - 1].level;
      if (h.level > prev + 1) skips.push(`h${prev || '-'} → h${h.level}「${h.text}」`);
    });
    const h1s = headings.filter((h) => h.level === 1).length;
    const nameOf = (el) => {
      const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
      const byIds = ids.map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
      const labels = [...(el.labels || [])].map((l) => l.textContent.trim()).join(' ').trim();
      return byIds || (el.getAttribute('aria-label') || '').trim() || labels || (el.getAttribute('title') || '').trim();
    };
    const controls = [...document.querySelectorAll('input, select, textarea')].filter((el) => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type));
    const unlabelled = controls.filter((el) => !nameOf(el)).map((el) => `${el.tagName.toLowerCase()}[name=${el.name}]${visible(el) ? '' : ' (hidden)'}`);
    const buttons = [...document.querySelectorAll('button, input[type=submit], input[type=button]')].filter((el) => !(el.textContent.trim() || el.value || el.getAttribute('aria-label')));
    return { headings: headings.length, h1s, skips, controls: controls.length, unlabelled, unnamedButtons: buttons.length, lang: document.documentElement.lang, title: document.title };
  });

  const blocking = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const problems = [];
  for (const v of blocking) problems.push(`${name}: axe ${v.impact} ${v.id} — ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n) => n.target).join(', ')})`);
  if (structure.skips.length) problems.push(`${name}: heading levels skip: ${structure.skips.join('; ')}`);
  if (structure.h1s !== 1) problems.push(`${name}: ${structure.h1s} h1 elements (expected exactly 1)`);
  if (structure.unlabelled.length) problems.push(`${name}: form controls without a label: ${structure.unlabelled.join(', ')}`);
  if (structure.unnamedButtons) problems.push(`${name}: ${structure.unnamedButtons} button(s) without a name`);
  if (structure.lang !== expectedLang) problems.push(`${name}: <html lang> is 「${structure.lang}」, expected ${expectedLang}`);
  return { name, axe, structure, problems };
}

export function printAudit(a) {
  const s = a.structure;
  console.log(`    ${a.problems.length ? '✗' : '✓'} ${a.name}: ${a.axe.violations.length} axe violation(s), ${a.axe.passes} rules passed, ${a.axe.incomplete.length} need review; ${s.headings} headings, ${s.controls} form controls`);
  for (const v of a.axe.violations) {
    console.log(`        [${v.impact}] ${v.id}: ${v.help}`);
    console.log(`          ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 5)) console.log(`          - ${n.target}  ${n.html}\n            ${n.summary}`);
    if (v.nodes.length > 5) console.log(`          … and ${v.nodes.length - 5} more`);
  }
  for (const v of a.axe.incomplete) console.log(`        (needs review) ${v.id}: ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0] ? v.nodes[0].target : ''}`);
  for (const p of a.problems.filter((p) => !p.includes(' axe '))) console.log(`        ${p}`);
}

// ---------------------------------------------------------------------------------------------
// Running journeys

/**
 * Runs `journeys` ([name, async (browser) => notes[]] pairs) one after another in one Chromium,
 * prints each outcome and a summary, and sets the exit code: 0 only when all passed.
 */
export async function runJourneys(title, journeys, artifacts, taken) {
  const started = Date.now();
  const browser = await launchChromium();
  console.log(`${title} with ${CHROMIUM} (${browser.version()}), axe-core ${AXE_VERSION}`);
  const outcomes = [];
  try {
    for (const [name, journey] of journeys) {
      const t0 = Date.now();
      console.log(`\n▶ ${name}`);
      try {
        const notes = await journey(browser);
        outcomes.push({ name, ok: true, notes, ms: Date.now() - t0 });
      } catch (e) {
        const message = e instanceof Failure ? e.message : (e && e.stack) || String(e);
        outcomes.push({ name, ok: false, notes: [message], ms: Date.now() - t0 });
      }
      const o = outcomes[outcomes.length - 1];
      console.log(`${o.ok ? 'PASS' : 'FAIL'} ${name} (${(o.ms / 1000).toFixed(1)}s)`);
      for (const n of o.notes) console.log(`  ${o.ok ? '-' : '✗'} ${n.split('\n').join('\n    ')}`);
    }
  } finally {
    await browser.close();
  }
  const failed = outcomes.filter((o) => !o.ok);
  console.log('\n──────── summary ────────');
  for (const o of outcomes) console.log(`${o.ok ? 'PASS' : 'FAIL'}  ${o.name}  (${(o.ms / 1000).toFixed(1)}s)`);
  console.log(`${outcomes.length - failed.length}/${outcomes.length} journeys passed in ${((Date.now() - started) / 1000).toFixed(1)}s; ${taken.length} screenshots in ${path.relative(process.cwd(), artifacts) || artifacts}/`);
  process.exitCode = failed.length ? 1 : 0;
}
