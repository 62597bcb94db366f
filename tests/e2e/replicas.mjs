// The two-replica journey for 支援ナビ (issue 18): ward staff run the service themselves.
//
//   SHIEN_REPLICA_A=http://127.0.0.1:40001 SHIEN_REPLICA_B=http://127.0.0.1:40002 \
//   SHIEN_EDITOR_USER=… SHIEN_EDITOR_PASSWORD=… SHIEN_REVIEWER_USER=… SHIEN_REVIEWER_PASSWORD=… \
//   node replicas.mjs
//
// Two `shien serve` processes share one database (replicas.sh starts them). In Chromium:
// an editor changes a ward scheme's ceiling on replica A and publishes; within 5 s the public
// scheme page, the search results for its name and the chat's answer about its ceiling show
// the new value on both replicas; the history shows the diff; rollback restores the old value
// on both, again within 5 s. A reviewer asks replica B a nickname that misses the scheme, marks
// the scheme as the right answer on the inquiry's page; once the editor approves the proposed
// alias, the same query finds the scheme in the top 5 on both replicas. axe (WCAG 2.1 AA) runs
// on every console page visited. Screenshots go to artifacts/replicas/. See README.md.

import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import {
  check, textOf, openUrl, submitAndWait, newPage, loginAt, audit, printAudit,
  requireChromium, screenshots, runJourneys, TIMEOUT_MS,
} from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(HERE, 'artifacts', 'replicas');

const trim = (u) => (u || '').replace(/\/+$/, '');
const A = trim(process.env.SHIEN_REPLICA_A);
const B = trim(process.env.SHIEN_REPLICA_B);
const EDITOR = [process.env.SHIEN_EDITOR_USER, process.env.SHIEN_EDITOR_PASSWORD];
const REVIEWER = [process.env.SHIEN_REVIEWER_USER, process.env.SHIEN_REVIEWER_PASSWORD];
// The ward scheme whose ceiling the editor changes (it must have [amount] max_yen), and the
// made-up nickname that does not find it today.
const SCHEME_ID = process.env.SHIEN_E2E_SCHEME || 'minato-software-hojo';
const SCHEME_PATH = `schemes/ward/${SCHEME_ID}.toml`;
const NICKNAME = process.env.SHIEN_E2E_NICKNAME || 'ラクラク事務券';
/** How long a publish or a rollback may take to show on every replica (issue 18). */
const PUBLISH_DEADLINE_MS = 5000;
/** How long an approved alias may take to reach the other replica: its poll (3 s) and a margin. */
const LEARN_DEADLINE_MS = 10000;
const TOP = 5;
/** Publishing and rolling back validate the whole corpus and rebuild replica A's engine before they answer. */
const REBUILD_TIMEOUT_MS = Number(process.env.SHIEN_E2E_REBUILD_TIMEOUT_MS || 120000);

if (!A || !B) {
  console.error('SHIEN_REPLICA_A and SHIEN_REPLICA_B must be set (two servers on one database; see README.md)');
  process.exit(2);
}
requireChromium();

const { shot, taken } = screenshots(ARTIFACTS);
const NAMES = { [A]: 'A', [B]: 'B' };

// ---------------------------------------------------------------------------------------------
// The edit form: one control per field, named by its TOML path (`amount.max_yen`, `summary`).

/** The control for the field at `tomlPath`; the journey fails when the form has none. */
async function controlFor(page, tomlPath) {
  const control = page.locator(`[name="${tomlPath}"]`);
  check((await control.count()) === 1, `the edit form has no single control named ${tomlPath}`);
  return control;
}

/** The current value of the field at `tomlPath` in the edit form. */
async function getField(page, tomlPath) {
  const el = await controlFor(page, tomlPath);
  const type = await el.getAttribute('type');
  if (type === 'checkbox') return el.isChecked();
  const v = await el.inputValue();
  return type === 'number' ? Number(v) : v;
}

/** Sets the field at `tomlPath` through its control, as an editor would. */
async function setField(page, tomlPath, value) {
  const el = await controlFor(page, tomlPath);
  const tag = await el.evaluate((e) => e.tagName.toLowerCase());
  const type = await el.getAttribute('type');
  if (tag === 'select') await el.selectOption(String(value));
  else if (type === 'checkbox') await el.setChecked(Boolean(value));
  else await el.fill(String(value));
}

// ---------------------------------------------------------------------------------------------
// What the public sees on a replica

const yenJa = (yen) => (yen >= 10000 && yen % 10000 === 0 ? `${yen / 10000}万円` : `${yen}円`);
const pad = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** A ceiling as the public pages state it, also when a snippet cuts it short (「上限45…」 for 45万円). */
const ceilingIn = (text, yen) => new RegExp(`上限${yen >= 10000 && yen % 10000 === 0 ? yen / 10000 : yen}(?![0-9０-９,])`).test(text);

/**
 * The scheme's public page: its own text (summary, facts, details and conditions, up to the
 * source link) states the ceiling `shown` and not `gone`. What follows (FAQs, related schemes)
 * are other entries, which may state their own or an older ceiling.
 */
async function schemePageShows(page, base, shown, gone) {
  await openUrl(page, `${base}/schemes/${SCHEME_ID}`);
  const own = await page.evaluate(() => {
    const parts = [];
    for (let el = document.querySelector('main h1'); el && !el.querySelector('a.button'); el = el.nextElementSibling) parts.push(el.innerText);
    return parts.join(' ').replace(/\s+/g, ' ');
  });
  const facts = await textOf(page.locator('dl.facts').first());
  return { ok: ceilingIn(facts, shown) && ceilingIn(own, shown) && !ceilingIn(own, gone), seen: own.slice(0, 200) };
}

/** The search results for the scheme's name: its result's text states the ceiling `shown`, not `gone`. */
async function searchShows(page, base, title, shown, gone) {
  await openUrl(page, `${base}/search?q=${encodeURIComponent(title)}`);
  const hit = page.locator('ol[aria-labelledby="results-heading"] > li').filter({ has: page.locator(`h3 a[href="/schemes/${SCHEME_ID}"]`) });
  if (!(await hit.count())) return { ok: false, seen: `「${title}」 does not list ${SCHEME_ID}` };
  const text = await textOf(hit.first());
  return { ok: ceilingIn(text, shown) && !ceilingIn(text, gone), seen: text.slice(0, 160) };
}

/** The chat's answer to 「<title>の上限はいくら？」 in a new conversation states the ceiling `shown`, not `gone`. */
async function chatShows(page, base, title, shown, gone) {
  await openUrl(page, `${base}/chat`);
  await page.getByLabel('ご質問', { exact: true }).fill(`${title}の上限はいくら？`);
  await submitAndWait(page, () => page.getByRole('button', { name: '送信する' }).click());
  const answer = await textOf(page.locator('ol.chat-log > li').last());
  return { ok: ceilingIn(answer, shown) && !ceilingIn(answer, gone), seen: answer.slice(0, 160) };
}

/**
 * Polls `probe` until it holds; returns when the request that first saw it was sent, in ms
 * after `since` (a slow page load on a busy machine does not count against the replica). Fails
 * when no request sent before `deadline` (ms since the epoch) saw it, with what was last seen.
 */
async function until(what, probe, since, deadline) {
  let last;
  for (;;) {
    const sent = Date.now();
    check(sent < deadline, `${what}: not within ${pad(deadline - since)}; last seen 「${last ? last.seen : 'nothing'}」`);
    last = await probe();
    if (last.ok) return sent - since;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Every public surface of both replicas states the ceiling `shown` (yen), not `gone`, in answer
 * to a request sent within PUBLISH_DEADLINE_MS of `since`. The six surfaces are polled at once,
 * each in its own page of `watchers` (opened beforehand: a new browser context can take
 * seconds on a busy machine).
 */
async function everywhere(watchers, title, shown, gone, since) {
  const deadline = since + PUBLISH_DEADLINE_MS;
  const surfaces = [
    ['page', 'the scheme page', (page, base) => schemePageShows(page, base, shown, gone)],
    ['search', `the search results for 「${title}」`, (page, base) => searchShows(page, base, title, shown, gone)],
    ['chat', "the chat's answer about the ceiling", (page, base) => chatShows(page, base, title, shown, gone)],
  ];
  const probes = [A, B].flatMap((base) => surfaces.map((s) => [base, s]));
  const times = await Promise.all(probes.map(async ([base, [key, what, probe]], i) => {
    const { page, problems } = watchers[i];
    const ms = await until(`replica ${NAMES[base]}: ${what}`, () => probe(page, base), since, deadline);
    check(problems.length === 0, problems.join('\n'));
    return `${key} ${pad(ms)}`;
  }));
  return `A: ${times.slice(0, 3).join(', ')}; B: ${times.slice(3).join(', ')}`;
}

/** The scheme's rank (1-based) among `query`'s first results on `base`'s search page, or 0. */
async function rankOn(page, base, query) {
  await openUrl(page, `${base}/search?q=${encodeURIComponent(query)}`);
  const hrefs = await page.locator('ol[aria-labelledby="results-heading"] > li h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return hrefs.slice(0, TOP).indexOf(`/schemes/${SCHEME_ID}`) + 1;
}

/** Runs `action` (a publish or a rollback) with the page's timeouts raised to REBUILD_TIMEOUT_MS; returns how long it took. */
async function rebuilding(page, action) {
  page.setDefaultTimeout(REBUILD_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(REBUILD_TIMEOUT_MS);
  const t0 = Date.now();
  try {
    await action();
  } finally {
    page.setDefaultTimeout(TIMEOUT_MS);
    page.setDefaultNavigationTimeout(TIMEOUT_MS * 2);
  }
  return Date.now() - t0;
}

// ---------------------------------------------------------------------------------------------
// The journey

async function staffRunTheService(browser) {
  const notes = [];
  const audits = [];
  const editor = await newPage(browser);
  const reviewer = await newPage(browser);
  // The public's pages that watch both replicas after a publish: three surfaces each.
  const watchers = [];
  for (let i = 0; i < 6; i += 1) watchers.push(await newPage(browser));
  const runAudit = async (page, name, shotName) => {
    await shot(page, shotName);
    const a = await audit(page, name);
    printAudit(a);
    audits.push(a);
  };
  try {
    // 1. The editor opens the scheme on replica A from the corpus list.
    const ed = editor.page;
    await loginAt(ed, A, ...EDITOR);
    await openUrl(ed, `${A}/admin/corpus`);
    await runAudit(ed, '/admin/corpus (A)', 'corpus-list');
    await ed.getByLabel('ファイル名または本文で探す').fill(SCHEME_ID);
    await submitAndWait(ed, () => ed.getByRole('button', { name: '探す', exact: true }).click());
    const row = ed.locator('tbody tr').filter({ hasText: SCHEME_PATH });
    check((await row.count()) === 1, `the corpus list does not find ${SCHEME_PATH}`);
    await submitAndWait(ed, () => row.locator('th a').click());
    check(new URL(ed.url()).searchParams.get('path') === SCHEME_PATH, `the list did not open ${SCHEME_PATH}: ${ed.url()}`);
    await runAudit(ed, '/admin/corpus/entry (A)', 'corpus-edit-form');
    const basedOn = Number(await ed.locator('input[name="based_on"]').inputValue());

    // 2. It changes the ceiling: the amount, and wherever the entry states it in words.
    const title = await getField(ed, 'title');
    const oldYen = await getField(ed, 'amount.max_yen');
    check(Number.isInteger(oldYen) && oldYen > 0, `${SCHEME_ID} has no ceiling (amount.max_yen): ${oldYen}`);
    const newYen = oldYen + 50000;
    const [oldText, newText] = [yenJa(oldYen), yenJa(newYen)];
    await setField(ed, 'amount.max_yen', newYen);
    const amountText = await getField(ed, 'amount.text');
    check(String(amountText).includes(oldText), `amount.text does not state the ceiling ${oldText}: 「${amountText}」`);
    await setField(ed, 'amount.text', amountText.replaceAll(oldText, newText));
    for (const field of ['summary', 'details']) {
      const was = String(await getField(ed, field));
      if (was.includes(`上限${oldText}`)) await setField(ed, field, was.replaceAll(`上限${oldText}`, `上限${newText}`));
    }
    await shot(ed, 'corpus-edit-changed');
    const publishMs = await rebuilding(ed, () => submitAndWait(ed, () => ed.getByRole('button', { name: '公開する', exact: true }).click()));
    const published = Date.now();
    const notice = await textOf(ed.locator('p.notice[role="status"]'));
    const version = Number((notice.match(/版(\d+)を公開しました/) || [])[1]);
    check(version > basedOn, `publishing did not say which version it published: 「${notice}」`);
    await runAudit(ed, '/admin/corpus/entry (A, published)', 'corpus-published');
    notes.push(`editor on A (fields edited through their own controls): 「${title}」 ceiling ${oldText} → ${newText}, published as version ${version} (was ${basedOn}); the publish answered in ${pad(publishMs)}`);

    // 3. Within 5 s both replicas' scheme page, search and chat show the new ceiling.
    notes.push(`new ceiling shown within ${pad(PUBLISH_DEADLINE_MS)} — ${await everywhere(watchers, title, newYen, oldYen, published)}`);

    // 4. The history shows the diff, old and new values.
    await submitAndWait(ed, () => ed.getByRole('link', { name: '履歴と差分' }).click());
    const removed = (await ed.locator('pre.diff del').allInnerTexts()).join('\n');
    const added = (await ed.locator('pre.diff ins').allInnerTexts()).join('\n');
    check(removed.includes(`max_yen = ${oldYen}`) && added.includes(`max_yen = ${newYen}`), `the history's diff does not show max_yen ${oldYen} → ${newYen}: removed 「${removed}」, added 「${added}」`);
    check(removed.includes(oldText) && added.includes(newText), `the history's diff does not show ${oldText} → ${newText}`);
    await runAudit(ed, '/admin/corpus/history (A)', 'corpus-history-diff');
    notes.push(`history: version ${basedOn} → ${version} diff shows − max_yen = ${oldYen} / ＋ max_yen = ${newYen} and ${oldText} → ${newText}`);

    // 5. Rollback to the version before the edit restores the old ceiling on both replicas.
    const rollbackMs = await rebuilding(ed, () => submitAndWait(ed, () => ed.getByRole('button', { name: new RegExp(`^この版に戻して公開する\\s*\\(版${basedOn}\\)$`) }).click()));
    const rolledBack = Date.now();
    check(new URL(ed.url()).pathname === '/admin/corpus/history', `rollback did not return to the history: ${ed.url()}`);
    const current = Number(((await textOf(ed.locator('main'))).match(/公開中の版は(\d+)です/) || [])[1]);
    check(current > version, `after the rollback the published version is ${current}, expected a new one after ${version}`);
    const back = (await ed.locator('pre.diff ins').allInnerTexts()).join('\n');
    check(back.includes(`max_yen = ${oldYen}`), `the rollback's diff does not restore max_yen = ${oldYen}: 「${back}」`);
    await runAudit(ed, '/admin/corpus/history (A, rolled back)', 'corpus-history-rolled-back');
    notes.push(`rollback to version ${basedOn} published as version ${current} (answered in ${pad(rollbackMs)}); old ceiling back within ${pad(PUBLISH_DEADLINE_MS)} — ${await everywhere(watchers, title, oldYen, newYen, rolledBack)}`);

    // 6. A reviewer asks replica B a nickname that misses the scheme…
    const rv = reviewer.page;
    await loginAt(rv, B, ...REVIEWER);
    await openUrl(rv, `${B}/search`);
    await rv.getByLabel('相談内容・キーワード').fill(NICKNAME);
    await submitAndWait(rv, () => rv.getByRole('button', { name: '検索する' }).click());
    const hrefs = await rv.locator('ol[aria-labelledby="results-heading"] > li h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    check(!hrefs.slice(0, TOP).includes(`/schemes/${SCHEME_ID}`), `「${NICKNAME}」 already finds ${SCHEME_ID} in the top ${TOP} (set SHIEN_E2E_NICKNAME to a nickname that misses it)`);
    await shot(rv, 'nickname-missed');
    notes.push(`reviewer on B: 「${NICKNAME}」 → ${hrefs.length} results, ${SCHEME_ID} not in the top ${TOP}`);

    // …finds the inquiry in the console and records the right answer.
    const logged = Date.now();
    let inquiry;
    for (;;) {
      await openUrl(rv, `${B}/admin/inquiries`);
      await rv.getByLabel('内容で絞り込み').fill(NICKNAME);
      await rv.getByLabel('種類').selectOption('search');
      await submitAndWait(rv, () => rv.getByRole('button', { name: '絞り込む' }).click());
      inquiry = rv.locator('main table tbody tr').filter({ hasText: NICKNAME });
      if (await inquiry.count()) break;
      check(Date.now() - logged < PUBLISH_DEADLINE_MS, `the search 「${NICKNAME}」 is not in B's inquiry list`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await runAudit(rv, '/admin/inquiries (B)', 'inquiries-nickname');
    await submitAndWait(rv, () => inquiry.first().locator('td a').first().click());
    check(/^\/admin\/inquiries\/[^/]+$/.test(new URL(rv.url()).pathname), `the inquiry link opened ${rv.url()}`);
    await runAudit(rv, '/admin/inquiries/{id} (B)', 'inquiry-detail');
    await rv.getByLabel('正しい回答').selectOption(`scheme:${SCHEME_ID}`);
    await submitAndWait(rv, () => rv.getByRole('button', { name: '記録する' }).click());
    const fix = `制度の別名に「${NICKNAME}」を加える`;
    const judged = await textOf(rv.locator('#judgments + table'));
    check(judged.includes(title) && judged.includes(fix) && judged.includes('承認待ち'), `the inquiry's page does not show the judgment with the proposed alias: 「${judged}」`);
    await runAudit(rv, '/admin/inquiries/{id} (B, judged)', 'inquiry-judged');
    await openUrl(rv, `${B}/admin/judgments`);
    const proposal = rv.locator('ul.results > li').filter({ hasText: `問い合わせ：${NICKNAME}` });
    check((await proposal.count()) === 1, `B's judgment list does not show the proposal for 「${NICKNAME}」`);
    check((await proposal.getByRole('button', { name: '承認する' }).count()) === 0, 'a reviewer is offered the approve button');
    await runAudit(rv, '/admin/judgments (B, reviewer)', 'judgments-reviewer');
    notes.push(`reviewer recorded 「${title}」 as the right answer; proposed: ${fix}`);

    // 7. The editor approves the alias on replica A; the nickname then finds the scheme on both.
    await openUrl(ed, `${A}/admin/judgments`);
    const item = ed.locator('ul.results > li').filter({ hasText: `問い合わせ：${NICKNAME}` });
    check((await item.count()) === 1, `A's judgment list does not show the proposal for 「${NICKNAME}」`);
    await runAudit(ed, '/admin/judgments (A, editor)', 'judgments-editor');
    check((await item.getByLabel('別名').inputValue()) === NICKNAME, 'the proposed alias is not the nickname the reviewer searched');
    await submitAndWait(ed, () => item.getByRole('button', { name: '承認する' }).click());
    const approved = Date.now();
    check(new URL(ed.url()).pathname === '/admin/judgments', `approving did not return to the judgment list: ${ed.url()}`);
    check((await ed.locator('ul.results > li').filter({ hasText: `問い合わせ：${NICKNAME}` }).count()) === 0, 'the approved proposal is still listed as open');
    await runAudit(ed, '/admin/judgments (A, approved)', 'judgments-approved');
    const { context, page, problems } = await newPage(browser);
    try {
      const found = async (base, deadlineMs) => {
        let rank = 0;
        const ms = await until(`replica ${NAMES[base]}: 「${NICKNAME}」 in the top ${TOP}`, async () => {
          rank = await rankOn(page, base, NICKNAME);
          return { ok: rank > 0, seen: `not in the top ${TOP}` };
        }, approved, approved + deadlineMs);
        return `${NAMES[base]}: rank ${rank} after ${pad(ms)}`;
      };
      const onA = await found(A, PUBLISH_DEADLINE_MS);
      const onB = await found(B, LEARN_DEADLINE_MS);
      await shot(page, 'nickname-found');
      check(problems.length === 0, problems.join('\n'));
      notes.push(`editor approved the alias on A; 「${NICKNAME}」 finds ${SCHEME_ID} — ${onA}; ${onB}`);
    } finally {
      await context.close();
    }
  } finally {
    for (const w of [editor, reviewer, ...watchers]) await w.context.close();
  }
  const failures = [...audits.flatMap((a) => a.problems), ...editor.problems, ...reviewer.problems];
  check(failures.length === 0, failures.join('\n'));
  notes.push(`${audits.length} console pages audited: no serious/critical axe violations; headings in order; every control labelled`);
  return notes;
}

async function main() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of fs.readdirSync(ARTIFACTS)) if (f.endsWith('.png')) fs.rmSync(path.join(ARTIFACTS, f));
  for (const base of [A, B]) {
    const health = await fetch(`${base}/healthz`).catch((e) => ({ ok: false, status: e.message }));
    if (!health.ok) {
      console.error(`${base}/healthz is not answering (${health.status}); start both replicas first (see README.md)`);
      process.exit(2);
    }
  }
  await runJourneys(`支援ナビ e2e, two replicas: A ${A}, B ${B}`, [['10. Staff run the service (two replicas)', staffRunTheService]], ARTIFACTS, taken);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
