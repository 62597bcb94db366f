// End-to-end browser tests for 支援ナビ (Shien Navi).
//
//   SHIEN_BASE_URL=http://127.0.0.1:18080 SHIEN_ADMIN_USER=e2e-staff SHIEN_ADMIN_PASSWORD=… node run.mjs
//
// Drives Debian's Chromium (/usr/bin/chromium, or SHIEN_CHROMIUM) through playwright-core and
// checks every page with axe-core. Each step leaves a full-page screenshot in artifacts/.
// Exit code 0 only when every journey passes. See README.md.

import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import {
  Failure, check, textOf, openUrl, submitAndWait, newPage, loginAt, audit, printAudit, AXE_TAGS,
  requireChromium, screenshots, runJourneys,
} from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(HERE, 'artifacts');

const BASE = (process.env.SHIEN_BASE_URL || '').replace(/\/+$/, '');
const ADMIN_USER = process.env.SHIEN_ADMIN_USER || '';
const ADMIN_PASSWORD = process.env.SHIEN_ADMIN_PASSWORD || '';

if (!BASE) {
  console.error('SHIEN_BASE_URL is not set (e.g. http://127.0.0.1:18080)');
  process.exit(2);
}
requireChromium();

// ---------------------------------------------------------------------------------------------
// Small helpers (the shared ones are in lib.mjs)

const url = (p) => `${BASE}${p}`;
const { shot, taken } = screenshots(ARTIFACTS);

/** Navigates to a path on the server and checks the HTTP status (default 200). */
const open = (page, p, status = 200) => openUrl(page, url(p), status);

/** A tiny RFC 4180 CSV parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

// The console shows inquiry kinds and channels with Japanese labels (stable codes underneath).
const KIND_LABELS = { recommend: '質問票', search: '検索', chat: 'チャット' };
const CHANNEL_LABELS = { web: 'Web', operator: 'オペレーター', api: 'API' };
const isKind = (shown, code) => shown === code || shown === KIND_LABELS[code];
const isChannel = (shown, code) => shown === code || shown === CHANNEL_LABELS[code];

// Shared between journeys.
const shared = {
  resultsUrl: null, // the questionnaire results page of journey 1
  searchUrl: null, // a search page with results (journey 2)
  ticket: null, // the hand-off ticket of journey 3
  phone: '03-1234-5678', // personal data typed into the chat; must never reach the staff console
};

// ---------------------------------------------------------------------------------------------
// Journey 1: the questionnaire as a small 港区 restaurant company

async function questionnaire(browser) {
  const { context, page, problems } = await newPage(browser);
  const notes = [];
  try {
    await open(page, '/recommend');
    check((await textOf(page.locator('h1'))) === '質問に答えて制度を探す', 'the questionnaire heading is missing');
    await shot(page, 'recommend-form');

    const group = (name) => page.getByRole('group', { name });
    await group(/事業所の所在地/).getByLabel('港区内（本店・主たる事業所）', { exact: true }).check();
    await page.getByLabel('業種', { exact: false }).selectOption('宿泊業、飲食サービス業');
    await page.getByLabel('従業員数（常時使用する従業員）', { exact: false }).fill('4');
    await page.getByLabel('資本金（円・任意）', { exact: false }).fill('3000000');
    await group(/創業からの年数/).getByLabel('3年以上5年未満', { exact: true }).check();
    await group(/事業の形態/).getByLabel('法人', { exact: true }).check();
    for (const purpose of ['販路拡大', '資金繰り']) await group(/やりたいこと/).getByLabel(purpose, { exact: true }).check();
    await group(/商店会/).getByLabel('わからない', { exact: true }).check();
    await shot(page, 'recommend-filled');

    await submitAndWait(page, () => page.getByRole('button', { name: '制度を探す' }).click());
    check(new URL(page.url()).pathname === '/recommend/results', `expected /recommend/results, got ${page.url()}`);
    shared.resultsUrl = new URL(page.url()).pathname + new URL(page.url()).search;
    check((await textOf(page.locator('h1'))) === 'あなたの事業に合う可能性のある制度', 'the results heading is missing');
    await shot(page, 'recommend-results');

    const heading = await textOf(page.locator('#recs'));
    const items = page.locator('ol[aria-labelledby="recs"] > li');
    const n = await items.count();
    const announced = Number((heading.match(/（(\d+)件）/) || [])[1]);
    check(n >= 3, `expected at least 3 ranked schemes, got ${n}`);
    check(announced === n, `the heading says ${announced} schemes but ${n} are listed`);

    const results = [];
    for (let i = 0; i < n; i += 1) {
      const li = items.nth(i);
      const tags = (await li.locator('ul.tags > li').allInnerTexts()).map((t) => t.trim());
      results.push({
        title: await textOf(li.locator('h3')),
        href: await li.locator('h3 a').getAttribute('href'),
        level: tags[0],
        tags,
        text: await textOf(li),
        reasons: await li.locator('p:has-text("対象となる理由") + ul > li').count(),
      });
    }
    for (const r of results) {
      check(r.href && r.href.startsWith('/schemes/'), `「${r.title}」 has no link to its scheme page`);
      check(r.reasons >= 1, `「${r.title}」 lists no reason why it fits (対象となる理由)`);
      check(/対象になる見込みです|条件の確認が必要です/.test(r.text), `「${r.title}」 has no fit verdict`);
      check(r.tags.some((t) => /受付中|通年受付|受付予定|例年募集|受付終了/.test(t)), `「${r.title}」 has no application-window status`);
    }
    const withAmount = results.filter((r) => r.text.includes('金額など：'));
    const withDeadline = results.filter((r) => /締切：\s*\d{4}-\d{2}-\d{2}/.test(r.text));
    const uncertain = results.filter((r) => r.text.includes('確認が必要なこと') || r.text.includes('条件の確認が必要です'));
    const ward = results.filter((r) => r.level === '港区');
    check(withAmount.length >= 1, 'no result shows an amount (金額など)');
    // A deadline is printed only for a round open today with a closing date; every other scheme
    // must say what its window is instead (通年受付, 例年募集（時期未発表）, 受付予定, 受付終了).
    const badDeadline = results.filter((r) => r.text.includes('締切：') && !/締切：\s*\d{4}-\d{2}-\d{2}/.test(r.text));
    check(badDeadline.length === 0, `a deadline is not a date: ${badDeadline.map((r) => r.title).join(' / ')}`);
    const openWithoutDeadline = results.filter((r) => r.tags.includes('受付中') && !/締切：/.test(r.text));
    check(openWithoutDeadline.length === 0, `schemes open now (受付中) without a deadline: ${openWithoutDeadline.map((r) => r.title).join(' / ')}`);
    check(uncertain.length >= 1, 'no result says what is still uncertain (確認が必要なこと)');
    check(ward.length >= 1, `no 港区 scheme among the results: ${results.map((r) => `${r.level}:${r.title}`).join(' / ')}`);
    check(results.slice(0, 5).some((r) => r.level === '港区'), 'no 港区 scheme in the top 5');
    check(results.some((r) => /販路|融資|資金|広告|展示|見本市|ホームページ/.test(r.title)), 'no result matches the purposes 販路拡大 / 資金繰り');
    const nextSteps = await page.locator('h2:has-text("まずはこちらへご相談ください")').count();
    const windows = [...new Set(results.flatMap((r) => r.tags.filter((t) => /受付中|通年受付|受付予定|例年募集|受付終了/.test(t))))].join('・');
    notes.push(`${n} ranked schemes (${ward.length} 港区, ${withAmount.length} with amount, ${withDeadline.length} with deadline, windows ${windows}, ${uncertain.length} with open questions); top: 「${results[0].title}」${nextSteps ? '; next-step desks shown' : ''}`);

    // A required answer left out: the form comes back with a message naming the field.
    await open(page, '/recommend/results?v=1&industry=' + encodeURIComponent('宿泊業、飲食サービス業') + '&employees=4&corporate=true', 400);
    const error = await textOf(page.locator('[role="alert"]'));
    check(error.includes('所在地'), `missing location: expected an error naming 所在地, got 「${error}」`);
    await shot(page, 'recommend-missing-answer');
    notes.push('a missing answer is reported by name');
  } finally {
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Journey 2: operator search with half-width kana, a level filter, and a typo

async function operatorSearch(browser) {
  const { context, page, problems } = await newPage(browser);
  const notes = [];
  try {
    await open(page, '/search');
    const box = page.getByLabel('相談内容・キーワード');
    await box.fill('ｿｳｷﾞｮｳ したいので 資金 借りたい');
    await page.getByRole('group', { name: '実施主体' }).getByLabel('港区', { exact: true }).check();
    await shot(page, 'search-filled');
    await submitAndWait(page, () => page.getByRole('button', { name: '検索する' }).click());
    const params = new URL(page.url()).searchParams;
    check(params.getAll('level').join(',') === 'ward', `the level filter was not submitted: ${page.url()}`);
    check(await page.getByRole('group', { name: '実施主体' }).getByLabel('港区', { exact: true }).isChecked(), 'the 港区 filter is not kept checked on the results page');
    check((await box.inputValue()) === 'ｿｳｷﾞｮｳ したいので 資金 借りたい', 'the query is not kept in the search box');
    await shot(page, 'search-ward-results');

    const items = page.locator('ol[aria-labelledby="results-heading"] > li');
    const n = await items.count();
    check(n >= 1, 'no results for 「ｿｳｷﾞｮｳ したいので 資金 借りたい」 with the 港区 filter');
    const levels = await items.locator('ul.tags > li:first-child').allInnerTexts();
    const titles = await items.locator('h3').allInnerTexts();
    const notWard = titles.filter((t, i) => levels[i].trim() !== '港区');
    check(notWard.length === 0, `level filter 区 let through: ${notWard.join(' / ')}`);
    check(titles.slice(0, 3).some((t) => t.includes('創業')), `half-width kana ｿｳｷﾞｮｳ did not find a 創業 scheme in the top 3: ${titles.slice(0, 3).join(' / ')}`);
    check(titles.slice(0, 5).some((t) => /融資|資金/.test(t)), `資金 借りたい did not find a loan in the top 5: ${titles.slice(0, 5).join(' / ')}`);
    shared.searchUrl = new URL(page.url()).pathname + new URL(page.url()).search;
    notes.push(`ｿｳｷﾞｮｳ… + 区 filter: ${n} results, all 港区; top 「${titles[0].trim()}」`);

    // A typo (ものずくり → ものづくり), no filter.
    await page.getByRole('group', { name: '実施主体' }).getByLabel('港区', { exact: true }).uncheck();
    await box.fill('ものずくり補助金');
    await submitAndWait(page, () => box.press('Enter'));
    await shot(page, 'search-typo-results');
    const typoTitles = await page.locator('ol[aria-labelledby="results-heading"] > li h3').allInnerTexts();
    check(typoTitles.length >= 1, 'no results for the typo 「ものずくり補助金」');
    check(typoTitles.slice(0, 3).some((t) => t.includes('ものづくり')), `typo 「ものずくり補助金」: no ものづくり scheme in the top 3: ${typoTitles.slice(0, 3).join(' / ')}`);
    notes.push(`typo ものずくり補助金 → 「${typoTitles.find((t) => t.includes('ものづくり')).trim()}」`);

    // An empty query is refused with a message, not an error page.
    await box.fill('');
    await submitAndWait(page, () => page.getByRole('button', { name: '検索する' }).click(), 400);
    check((await textOf(page.locator('[role="alert"]'))).includes('検索語を入力してください'), 'an empty search has no helpful message');
    await shot(page, 'search-empty-query');
    notes.push('empty query → 検索語を入力してください');
  } finally {
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Journey 3: chatbot — a cited FAQ answer, then a hand-off to a person; plus the JS widget

async function chatbot(browser) {
  const { context, page, problems } = await newPage(browser);
  const notes = [];
  try {
    await open(page, '/chat');
    await shot(page, 'chat-empty');
    const question = '開業前でも区の創業融資は使えますか';
    await page.getByLabel('ご質問', { exact: true }).fill(question);
    await submitAndWait(page, () => page.getByRole('button', { name: '送信する' }).click());
    const log = page.locator('ol.chat-log > li');
    check((await log.count()) === 2, `expected one question and one answer in the chat log, got ${await log.count()} entries`);
    check((await textOf(log.nth(0))).includes(question), 'the question is not shown in the chat log');
    const answer = await textOf(log.nth(1));
    check(answer.startsWith('支援ナビ：') && answer.length > 30, `no answer in the chat log: 「${answer}」`);
    const citations = page.locator('h2:has-text("出典") + ul > li');
    check((await citations.count()) >= 1, 'the FAQ answer has no citations (出典)');
    const cited = await citations.locator('a[href^="/schemes/"]').allInnerTexts();
    check(cited.length >= 1, 'the citations do not link to scheme pages');
    check(cited.some((t) => /創業|融資/.test(t)), `the citations do not cite a 創業 or 融資 scheme: ${cited.join(' / ')}`);
    check((await page.locator('p.notice[role="status"]').count()) === 0, 'a plain FAQ question was handed off to a person');
    await shot(page, 'chat-cited-answer');
    notes.push(`FAQ answered with ${cited.length} citation(s): 「${cited[0]}」`);

    // The same conversation: a dismissal dispute and "talk to a person" → a ticket.
    const handoff = `従業員を解雇したいのでトラブルになりそう。人と話したい。連絡先は${shared.phone}です`;
    await page.getByLabel('ご質問', { exact: true }).fill(handoff);
    await submitAndWait(page, () => page.getByRole('button', { name: '送信する' }).click());
    check((await log.count()) === 4, `the conversation did not continue (session lost): ${await log.count()} entries`);
    const notice = page.locator('p.notice[role="status"]');
    check((await notice.count()) === 1, 'no hand-off ticket is shown');
    const ticketText = await textOf(notice);
    const m = ticketText.match(/受付番号\s*(T[0-9A-F]{12})：(.+)（(.+)）$/);
    check(m, `the hand-off notice has no ticket number, desk and slot: 「${ticketText}」`);
    const [, ticket, desk, slot] = m;
    check(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(slot), `the hand-off has no next staffed slot: 「${slot}」`);
    const reply = await textOf(log.nth(3));
    check(reply.includes('労務'), `the hand-off does not name the labour (労務) consultant: 「${reply}」`);
    check(reply.includes(ticket), 'the reply does not repeat the ticket number');
    shared.ticket = ticket;
    await shot(page, 'chat-handoff-ticket');
    notes.push(`hand-off ticket ${ticket} → ${desk}, next slot ${slot}`);

    // The chat widget on other pages (progressive enhancement through /static/chat.js, under CSP).
    await open(page, '/');
    await page.getByLabel('ご質問（個人情報は入力しないでください）').fill('ホームページ制作に使える補助金は？');
    await page.locator('#chat-widget-form').getByRole('button', { name: '送信' }).click();
    const widget = page.locator('#chat-widget-reply');
    await widget.locator('li a[href^="/schemes/"]').first().waitFor({ state: 'visible' });
    check(new URL(page.url()).pathname === '/', 'the widget left the page instead of answering in place');
    check((await textOf(widget)).length > 20, 'the widget shows no answer');
    await shot(page, 'chat-widget-answer');
    notes.push(`widget answered in place with ${await widget.locator('li').count()} citation(s)`);
  } finally {
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Journey 4: staff console — log in, dashboard, inquiries (masked), CSV, tickets, log out

const login = (page) => loginAt(page, BASE, ADMIN_USER, ADMIN_PASSWORD);

async function staff(browser) {
  const { context, page, problems } = await newPage(browser);
  const notes = [];
  try {
    // Not logged in: the console sends you to the login form, the export answers 401.
    await page.goto(url('/admin'));
    check(new URL(page.url()).pathname === '/admin/login', `/admin without a session did not redirect to the login: ${page.url()}`);
    const anonymous = await page.request.get(url('/admin/export/inquiries.csv'));
    check(anonymous.status() === 401, `the CSV export without a session answered ${anonymous.status()}, expected 401`);
    await shot(page, 'admin-login');

    // A wrong password is refused politely.
    await page.getByLabel('ユーザー名').fill(ADMIN_USER || 'nobody');
    await page.getByLabel('パスワード').fill('definitely-not-the-password');
    await submitAndWait(page, () => page.getByRole('button', { name: 'ログイン' }).click(), 401);
    check((await textOf(page.locator('[role="alert"]'))).includes('ユーザー名またはパスワードが違います'), 'a wrong password gives no clear message');
    await shot(page, 'admin-login-wrong-password');

    await login(page);
    check((await textOf(page.locator('h1'))) === 'ダッシュボード', 'the dashboard heading is missing');
    const summary = await textOf(page.locator('main p', { hasText: '期間：' }).first());
    const count = Number((summary.match(/問い合わせ\s*(\d+)\s*件/) || [])[1]);
    check(count >= 5, `the dashboard counts ${count} inquiries; journeys 1–3 made at least 5`);
    check((await page.locator('figure svg').count()) === 1, 'the dashboard chart is missing');
    check((await textOf(page.locator('main'))).includes('労務'), 'the dashboard does not count the 労務 hand-off');
    await shot(page, 'admin-dashboard');
    notes.push(`dashboard: ${count} inquiries`);

    // Inquiry list: the questionnaire, the searches and the chat are there, personal data masked.
    await submitAndWait(page, () => page.getByRole('navigation', { name: '職員メニュー' }).getByRole('link', { name: '問い合わせ一覧' }).click());
    const rows = page.locator('main table tbody tr');
    const list = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      const cells = (await rows.nth(i).locator('td').allInnerTexts()).map((c) => c.trim());
      list.push({ channel: cells[1], kind: cells[2], text: cells[3], handoff: cells[6] });
    }
    await shot(page, 'admin-inquiries');
    const has = (pred, what) => check(list.some(pred), `the inquiry list has no ${what}; rows: ${list.map((r) => `${r.kind}:${r.text}`).join(' | ')}`);
    has((r) => isKind(r.kind, 'recommend') && isChannel(r.channel, 'web'), 'questionnaire inquiry (recommend/web) from journey 1');
    has((r) => isKind(r.kind, 'search') && r.text.includes('ソウギョウ したいので 資金 借りたい'), 'search 「ｿｳｷﾞｮｳ したいので…」 from journey 2 (stored NFKC-normalised)');
    has((r) => isKind(r.kind, 'search') && r.text.includes('ものずくり補助金'), 'search 「ものずくり補助金」 from journey 2');
    has((r) => isKind(r.kind, 'chat') && r.text.includes('開業前でも区の創業融資は使えますか'), 'chat FAQ question from journey 3');
    has((r) => isKind(r.kind, 'chat') && r.text.includes('解雇') && r.handoff === '労務', 'chat hand-off (労務) from journey 3');
    const listText = await textOf(page.locator('main'));
    check(!listText.includes(shared.phone) && !listText.includes(shared.phone.replace(/-/g, '')), 'the phone number typed into the chat is shown unmasked in the inquiry list');
    check(list.some((r) => r.text.includes('[電話番号]')), 'the phone number typed into the chat is not shown as [電話番号]');
    notes.push(`inquiry list: ${list.length} rows, recommend/search/chat present, phone number shown as [電話番号]`);

    // Filter by kind.
    await page.getByLabel('種類').selectOption('chat');
    await submitAndWait(page, () => page.getByRole('button', { name: '絞り込む' }).click());
    const kinds = await page.locator('main table tbody tr td:nth-child(3)').allInnerTexts();
    check(kinds.length >= 2 && kinds.every((k) => isKind(k.trim(), 'chat')), `the 種類=chat filter shows: ${kinds.join(', ')}`);
    await shot(page, 'admin-inquiries-chat-only');

    // CSV export from the dashboard link.
    await open(page, '/admin');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '問い合わせをCSVで出力' }).click()]);
    const csvPath = path.join(ARTIFACTS, 'inquiries.csv');
    await download.saveAs(csvPath);
    const raw = fs.readFileSync(csvPath, 'utf8');
    const csv = parseCsv(raw.replace(/^\uFEFF/, ''));
    check(csv.length >= 4, `the CSV has ${csv.length} lines; expected a header row and at least 3 rows`);
    check(csv[0][0] === 'ID' && csv[0].includes('内容(伏せ字済み)') && csv[0].includes('種類'), `the CSV header row is wrong: ${csv[0].join(',')}`);
    const width = csv[0].length;
    check(csv.every((r) => r.length === width), 'the CSV rows do not all have the header\'s number of columns');
    const kindCol = csv[0].indexOf('種類');
    const csvKinds = new Set(csv.slice(1).map((r) => r[kindCol]));
    check(['recommend', 'search', 'chat'].every((k) => [...csvKinds].some((v) => isKind(v, k))), `the CSV lacks some inquiry kinds: ${[...csvKinds].join(', ')}`);
    check(!raw.includes(shared.phone), 'the CSV contains the unmasked phone number');
    check(download.suggestedFilename() === 'inquiries.csv', `unexpected CSV file name ${download.suggestedFilename()}`);
    notes.push(`CSV: header + ${csv.length - 1} rows, ${width} columns (saved as artifacts/inquiries.csv)`);
    // Known issue, reported rather than failed: static/chat.js posts to /api/v1/chat without
    // `X-Shien-Channel: web`, so the site's own widget is counted as an API client.
    const [chCol, textCol] = [csv[0].indexOf('チャネル'), csv[0].indexOf('内容(伏せ字済み)')];
    const widgetRow = csv.find((r) => r[textCol].startsWith('ホームページ制作に使える補助金'));
    check(widgetRow, 'the chat widget question from journey 3 is not in the CSV');
    if (!isChannel(widgetRow[chCol], 'web')) notes.push(`note (not failed): the chat widget's question is logged as channel 「${widgetRow[chCol]}」, not web — static/chat.js sends no X-Shien-Channel: web header`);

    // The hand-off ticket from journey 3 is queued for the 労務 desk.
    await submitAndWait(page, () => page.getByRole('navigation', { name: '職員メニュー' }).getByRole('link', { name: '引き継ぎチケット' }).click());
    if (shared.ticket) {
      const item = page.locator('ul.results > li', { hasText: shared.ticket });
      check((await item.count()) === 1, `ticket ${shared.ticket} is not in the open ticket queue`);
      const t = await textOf(item);
      check(t.includes('分野：労務') && /次の受付：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(t), `ticket ${shared.ticket} lacks category 労務 or the next slot: 「${t}」`);
      check(!t.includes(shared.phone), 'the ticket summary shows the unmasked phone number');
      notes.push(`ticket ${shared.ticket} queued (分野：労務)`);
    }
    await shot(page, 'admin-tickets');

    // Log out: the session is gone.
    await submitAndWait(page, () => page.getByRole('button', { name: /ログアウト/ }).click());
    check(new URL(page.url()).pathname === '/admin/login', `logout did not return to the login form: ${page.url()}`);
    await page.goto(url('/admin/inquiries'));
    check(new URL(page.url()).pathname === '/admin/login', 'after logout the inquiry list is still reachable');
    await shot(page, 'admin-logged-out');
    notes.push('logged out; console closed again');
  } finally {
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Journey 5: keyboard only

/**
 * Moves the keyboard starting point to the top of the document, as for a visitor who has just
 * arrived (the search box is autofocused, and blur() alone would leave Chromium's sequential
 * focus starting point on it). The temporary tabindex is removed again at once.
 */
async function focusTopOfDocument(page) {
  await page.evaluate(() => {
    if (document.activeElement) document.activeElement.blur();
    const body = document.body;
    body.tabIndex = -1;
    body.focus();
    body.removeAttribute('tabindex');
    window.scrollTo(0, 0);
  });
}

/** Presses Tab until `predicate` (a function run in the page) holds; returns what got focus on the way. */
async function tabUntil(page, predicate, arg = null, max = 40) {
  const visited = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    visited.push(await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'body';
      const name = el.id ? `#${el.id}` : (el.textContent || '').trim().slice(0, 16);
      return `${el.tagName.toLowerCase()}${name ? `(${name})` : ''}`;
    }));
    if (await page.evaluate(predicate, arg)) return visited;
  }
  throw new Failure(`not reachable with Tab within ${max} presses; focus went: ${visited.join(' → ')}`);
}

/** Computed focus style of the focused element, and the contrast of its outline against the page. */
async function focusStyle(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }).reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
    // The background the outline sits on: the nearest ancestor with an opaque background.
    let bg = 'rgb(255, 255, 255)';
    for (let p = el.parentElement; p; p = p.parentElement) {
      const c = getComputedStyle(p).backgroundColor;
      if (c && !/rgba\(.*,\s*0\)$/.test(c) && c !== 'transparent') { bg = c; break; }
    }
    const [l1, l2] = [lum(rgb(s.outlineColor)), lum(rgb(bg))].sort((a, b) => b - a);
    return {
      tag: el.tagName.toLowerCase(), id: el.id, outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, boxShadow: s.boxShadow,
      visible: outline || shadow, contrast: Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100, background: bg,
    };
  });
}

async function keyboard(browser) {
  const { context, page, problems } = await newPage(browser);
  const notes = [];
  try {
    await open(page, '/search');
    // Start from the top of the document, as a keyboard user arriving on the page would.
    await focusTopOfDocument(page);

    // The first Tab reaches the skip link, which becomes visible.
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => { const el = document.activeElement; const r = el.getBoundingClientRect(); return { cls: el.className, text: el.textContent.trim(), left: r.left, top: r.top, w: r.width }; });
    check(skip.cls === 'skip' && skip.left >= 0 && skip.w > 0, `the first Tab does not show the skip link: ${JSON.stringify(skip)}`);
    await shot(page, 'keyboard-skip-link');

    const toBox = await tabUntil(page, () => document.activeElement.id === 'q');
    const boxFocus = await focusStyle(page);
    check(boxFocus.visible, `the search box has no visible focus indicator (outline ${boxFocus.outline}, box-shadow ${boxFocus.boxShadow})`);
    await page.keyboard.type('ｿｳｷﾞｮｳ したいので 資金 借りたい');
    await shot(page, 'keyboard-search-box');

    const toButton = await tabUntil(page, () => { const el = document.activeElement; return el.tagName === 'BUTTON' && el.textContent.trim() === '検索する'; });
    const buttonFocus = await focusStyle(page);
    check(buttonFocus.visible, `the submit button has no visible focus indicator (outline ${buttonFocus.outline}, box-shadow ${buttonFocus.boxShadow})`);
    await shot(page, 'keyboard-submit-focused');
    for (const f of [boxFocus, buttonFocus]) {
      check(f.contrast >= 3, `the focus outline of ${f.tag}${f.id ? '#' + f.id : ''} (${f.outline}) has contrast ${f.contrast}:1 against ${f.background}; WCAG 1.4.11 asks for 3:1`);
    }

    await submitAndWait(page, () => page.keyboard.press('Enter'));
    check(new URL(page.url()).searchParams.get('q') === 'ｿｳｷﾞｮｳ したいので 資金 借りたい', `Enter did not submit the typed query: ${page.url()}`);
    const n = await page.locator('ol[aria-labelledby="results-heading"] > li').count();
    check(n >= 1, 'no results after submitting with the keyboard');
    await shot(page, 'keyboard-results');

    // The first result is reachable by keyboard and opens with Enter.
    await focusTopOfDocument(page);
    await tabUntil(page, () => { const el = document.activeElement; return el.tagName === 'A' && (el.getAttribute('href') || '').startsWith('/schemes/'); }, null, 80);
    await submitAndWait(page, () => page.keyboard.press('Enter'));
    check(new URL(page.url()).pathname.startsWith('/schemes/'), `Enter on a result link did not open the scheme: ${page.url()}`);
    await shot(page, 'keyboard-scheme-page');

    notes.push(`search box after ${toBox.length + 1} Tabs, submit after ${toButton.length} more; Enter → ${n} results`);
    notes.push(`focus: ${boxFocus.outline} (contrast ${boxFocus.contrast}:1 on ${boxFocus.background}), button ${buttonFocus.contrast}:1`);
  } finally {
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------
// Journey 6: accessibility — axe-core (WCAG 2.0/2.1 A and AA), headings, labels

async function accessibility(browser) {
  const { context, page, problems } = await newPage(browser);
  const audits = [];
  const run = async (name, shotName) => {
    await shot(page, shotName);
    const a = await audit(page, name);
    printAudit(a);
    audits.push(a);
  };
  try {
    await open(page, '/');
    await run('/', 'a11y-home');
    await open(page, shared.searchUrl || `/search?q=${encodeURIComponent('起業したい 資金を借りたい')}`);
    check((await page.locator('ol[aria-labelledby="results-heading"] > li').count()) >= 1, 'the audited search page has no results');
    await run('/search (with results)', 'a11y-search-results');
    await open(page, '/recommend');
    await run('/recommend', 'a11y-recommend');
    check(shared.resultsUrl, 'journey 1 did not produce a results page to audit');
    await open(page, shared.resultsUrl);
    await run('/recommend/results', 'a11y-recommend-results');
    await open(page, '/schemes/minato-yushi-sogyo');
    await run('/schemes/{id}', 'a11y-scheme');
    // A scheme whose facts rest on a non-official page carries an extra notice; audit one too.
    const found = await page.request.post(url('/api/v1/search'), { data: { query: '補助金', top_k: 50 } });
    const secondary = ((await found.json()).results || []).find((r) => r.official_source === false);
    if (secondary) {
      await open(page, `/schemes/${secondary.id}`);
      check((await page.getByText('公式ではありません').count()) >= 1, `/schemes/${secondary.id} does not say its source is not official`);
      await run('/schemes/{id} (non-official source)', 'a11y-scheme-secondary-source');
    }
    await open(page, '/chat');
    await run('/chat', 'a11y-chat');
    await page.getByLabel('ご質問', { exact: true }).fill('取引先から損害賠償で訴えられそうです');
    await submitAndWait(page, () => page.getByRole('button', { name: '送信する' }).click());
    await run('/chat (answer with hand-off)', 'a11y-chat-answer');
    await open(page, '/admin/login');
    await run('/admin/login', 'a11y-admin-login');
    await login(page);
    await run('/admin (dashboard)', 'a11y-admin-dashboard');
    await open(page, '/admin/inquiries');
    await run('/admin/inquiries', 'a11y-admin-inquiries');
    await open(page, '/admin/tickets');
    await run('/admin/tickets', 'a11y-admin-tickets');
    // This month in Tokyo holds the journeys' inquiries, so its report has charts and tables.
    const thisMonth = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 7);
    await open(page, `/admin/report?month=${thisMonth}`);
    check((await page.locator('.chart-pair svg').count()) >= 1, `/admin/report?month=${thisMonth} has no chart to audit`);
    await run('/admin/report (this month)', 'a11y-admin-report');
    await open(page, '/admin/freshness');
    await run('/admin/freshness', 'a11y-admin-freshness');
    // The journeys' account is an administrator (create-user without --role).
    await open(page, '/admin/accounts');
    await run('/admin/accounts', 'a11y-admin-accounts');
    await open(page, '/admin/judgments?status=all');
    await run('/admin/judgments', 'a11y-admin-judgments');
    await open(page, '/admin/audit');
    check((await page.locator('tbody tr').count()) >= 1, '/admin/audit lists no records after a login');
    await run('/admin/audit', 'a11y-admin-audit');
  } finally {
    await context.close();
  }
  const failures = [...audits.flatMap((a) => a.problems), ...problems];
  check(failures.length === 0, failures.join('\n'));
  const minor = audits.reduce((n, a) => n + a.axe.violations.length, 0);
  return [`${audits.length} pages audited (${AXE_TAGS.join(', ')}): no serious/critical violations${minor ? `, ${minor} minor/moderate (printed above)` : ''}; headings in order; every control labelled`];
}

// ---------------------------------------------------------------------------------------------
// Journeys 7–9: one per language, chosen with the visible switch — search, read a result,
// answer the questionnaire, ask the chat (page and widget) and get a hand-off ticket, all in
// that language; axe and `lang` checked on every page visited.

/** Elements whose text is Japanese but whose nearest lang is not ja (what a screen reader would mispronounce). */
async function japaneseOutsideJa(page) {
  return page.evaluate(() => {
    const jp = /[\u3040-\u30ff\u3400-\u9fff]/;
    const bad = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!jp.test(n.textContent)) continue;
      const el = n.parentElement;
      if (!el || el.closest('script, style') || !el.getClientRects().length) continue;
      const lang = (el.closest('[lang]') || document.documentElement).getAttribute('lang');
      if (lang !== 'ja') bad.push(n.textContent.trim().slice(0, 30));
    }
    return bad;
  });
}

/** English sentences whose nearest lang is ja (on a Japanese page): what a screen reader would read as Japanese. */
async function englishInsideJa(page, selector) {
  return page.evaluate((sel) => {
    const bad = [];
    for (const root of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent;
        if ((text.match(/[A-Za-z]/g) || []).length < 12 || /[\u3040-\u30ff\u3400-\u9fff]/.test(text)) continue;
        const lang = (n.parentElement.closest('[lang]') || document.documentElement).getAttribute('lang');
        if (lang !== 'en') bad.push(text.trim().slice(0, 40));
      }
    }
    return bad;
  }, selector);
}

// What each language's journey types and expects to read (the page's words from its catalog).
const LANGUAGES = [
  {
    code: 'ja', name: '日本語', from: 'en', htmlLang: 'ja',
    nav: { search: '制度をさがす', recommend: '質問に答えて探す', chat: 'チャットで相談' },
    query: '創業 融資', note: null,
    form: { heading: '質問に答えて制度を探す', location: '港区内（本店・主たる事業所）', employees: '従業員数（常時使用する従業員）', corporate: '法人', purposes: ['販路拡大', '資金繰り'], submit: '制度を探す', results: 'あなたの事業に合う可能性のある制度' },
    chat: { label: 'ご質問', send: '送信する', message: '従業員とのトラブルで労働問題の専門家と話したいです', ticket: /受付番号\s*(T[0-9A-F]{12})：/, line: '受付番号：', handedOff: 'おつなぎします', replyLang: 'ja' },
    widget: { label: 'ご質問（個人情報は入力しないでください）', send: '送信', message: 'ホームページ制作に使える補助金は？' },
  },
  {
    code: 'easy', name: 'やさしい日本語', from: 'ja', htmlLang: 'ja',
    nav: { search: '制度をさがす', recommend: '質問に答えてさがす', chat: 'チャットで相談する' },
    query: '店を始めたい お金を借りたい', note: '正しいのは',
    form: { heading: 'しつもんに答えて、使える制度をさがす', location: '港区の中（本店、いちばん大事な事業所）', employees: '働いている人の数（いつも働いている人）', corporate: '会社（法人）', purposes: ['お客さんを増やす', 'お金のやりくり'], submit: '制度をさがす', results: 'あなたの 仕事に 合いそうな 制度' },
    chat: { label: '質問', send: '送る', message: '従業員とのトラブルで労働問題の専門家と話したいです', ticket: /受付番号（うけつけばんごう）\s*(T[0-9A-F]{12})：/, line: '受付番号（うけつけばんごう）：', handedOff: '相談員に つなぎます', replyLang: 'ja' },
    widget: { label: '質問（あなたの 名前や 電話番号などは 書かないで ください）', send: '送る', message: 'ホームページを作るときに、もらえるお金はありますか？' },
  },
  {
    code: 'en', name: 'English', from: 'ja', htmlLang: 'en',
    nav: { search: 'Find a scheme', recommend: 'Answer a few questions', chat: 'Ask in the chat' },
    query: 'start a business and borrow money', note: 'prevail',
    form: { heading: 'Answer a few questions to find schemes', location: 'In Minato City (head office or main place of business)', employees: 'Number of employees (regular staff)', corporate: 'Company (corporation)', purposes: ['Finding customers', 'Cash flow'], submit: 'Find schemes', results: 'Schemes that may fit your business' },
    chat: { label: 'Your question', send: 'Send', message: 'A former employee says we never paid his overtime and wants to sue us.', ticket: /Ticket number\s*(T[0-9A-F]{12}):/, line: 'Ticket number: ', handedOff: 'passing it to a consultant', replyLang: 'en' },
    widget: { label: 'Your question (do not enter personal details)', send: 'Send', message: 'Is there a subsidy for building a website?' },
  },
];

function languageJourney(c) {
  return async (browser) => {
    const { context, page, problems } = await newPage(browser);
    const notes = [];
    const audits = [];
    const htmlLang = () => page.evaluate(() => document.documentElement.lang);
    const auditAs = async (name, shotName) => {
      await shot(page, shotName);
      const a = await audit(page, `${name} (${c.code})`, c.htmlLang);
      printAudit(a);
      audits.push(a);
      // Japanese inside an English page must say so.
      if (c.code === 'en') {
        const stray = await japaneseOutsideJa(page);
        if (stray.length) a.problems.push(`${name} (en): Japanese text without lang="ja": ${stray.slice(0, 5).join(' | ')}`);
      }
    };
    const nav = (name) => page.getByRole('link', { name, exact: true }).first();
    try {
      // 1. Choose the language with the switch, starting from another one.
      await open(page, `/?lang=${c.from}`);
      await submitAndWait(page, () => page.locator('nav.langs').getByRole('link', { name: c.name, exact: true }).click());
      check((await htmlLang()) === c.htmlLang, `${c.code}: <html lang> after the switch`);
      const cookies = await context.cookies();
      check(cookies.some((k) => k.name === 'shien_lang' && k.value === c.code && k.sameSite === 'Lax'), `${c.code}: the shien_lang cookie was not set`);
      await auditAs('/', `lang-${c.code}-home`);
      notes.push(`switched from ${c.from} to ${c.name}`);

      // 2. Search from the menu: later pages follow the cookie.
      await submitAndWait(page, () => nav(c.nav.search).click());
      check(!new URL(page.url()).searchParams.has('lang'), `${c.code}: the menu link carries ?lang=`);
      check((await htmlLang()) === c.htmlLang, `${c.code}: the search page forgot the language`);
      await page.locator('#q').fill(c.query);
      await submitAndWait(page, () => page.locator('form[role=search] button[type=submit]').click());
      const hits = page.locator('ol[aria-labelledby="results-heading"] > li');
      check((await hits.count()) >= 3, `${c.code}: 「${c.query}」 found ${await hits.count()} schemes`);
      const first = await textOf(hits.first().locator('h3'));
      if (c.code === 'en') check(/^[\x20-\x7e]{8}/.test(first), `en: the first result's title is not English: 「${first}」`);
      if (c.code !== 'ja') check((await hits.first().locator('.official-name [lang=ja]').count()) === 1, `${c.code}: the first result has no official Japanese name`);
      notes.push(`search 「${c.query}」 → ${await hits.count()} schemes, first 「${first}」`);
      await auditAs('/search', `lang-${c.code}-search`);

      // 3. Read a result.
      await submitAndWait(page, () => hits.first().locator('h3 a').click());
      check(new URL(page.url()).pathname.startsWith('/schemes/'), `${c.code}: the result did not open its scheme page`);
      check((await page.locator('dl.facts').count()) === 1, `${c.code}: the scheme page has no facts`);
      if (c.note) check((await textOf(page.locator('main'))).includes(c.note), `${c.code}: the scheme page does not say the Japanese entry prevails`);
      await auditAs('/schemes/{id}', `lang-${c.code}-scheme`);

      // 4. Answer the questionnaire, labels in the language (a small 港区 restaurant company).
      await submitAndWait(page, () => nav(c.nav.recommend).click());
      check((await htmlLang()) === c.htmlLang, `${c.code}: the questionnaire forgot the language`);
      check((await textOf(page.locator('h1'))) === c.form.heading, `${c.code}: the questionnaire heading is 「${await textOf(page.locator('h1'))}」`);
      await auditAs('/recommend', `lang-${c.code}-recommend`);
      await page.getByLabel(c.form.location, { exact: true }).check();
      await page.locator('#industry').selectOption('宿泊業、飲食サービス業');
      await page.getByLabel(c.form.employees, { exact: false }).fill('4');
      await page.getByLabel(c.form.corporate, { exact: true }).check();
      for (const p of c.form.purposes) await page.getByLabel(p, { exact: true }).check();
      await submitAndWait(page, () => page.getByRole('button', { name: c.form.submit, exact: true }).click());
      check(new URL(page.url()).pathname === '/recommend/results', `${c.code}: expected the results page, got ${page.url()}`);
      check((await htmlLang()) === c.htmlLang, `${c.code}: the results page forgot the language`);
      check((await textOf(page.locator('h1'))) === c.form.results, `${c.code}: the results heading is 「${await textOf(page.locator('h1'))}」`);
      const recs = page.locator('ol[aria-labelledby="recs"] > li');
      check((await recs.count()) >= 3, `${c.code}: the questionnaire found ${await recs.count()} schemes`);
      check((await recs.first().locator('h3 a[href^="/schemes/"]').count()) === 1, `${c.code}: the first recommendation has no link`);
      notes.push(`questionnaire → ${await recs.count()} schemes, first 「${await textOf(recs.first().locator('h3'))}」`);
      await auditAs('/recommend/results', `lang-${c.code}-results`);

      // 5. Ask the chat from the menu and get a hand-off ticket, in the language.
      await submitAndWait(page, () => nav(c.nav.chat).click());
      check((await htmlLang()) === c.htmlLang, `${c.code}: the chat page forgot the language`);
      await auditAs('/chat', `lang-${c.code}-chat`);
      await page.getByLabel(c.chat.label, { exact: true }).fill(c.chat.message);
      await submitAndWait(page, () => page.getByRole('button', { name: c.chat.send, exact: true }).click());
      const notice = page.locator('p.notice[role="status"]');
      check((await notice.count()) === 1, `${c.code}: no hand-off notice: 「${(await textOf(page.locator('main'))).slice(0, 300)}」`);
      const m = (await textOf(notice)).match(c.chat.ticket);
      check(m, `${c.code}: the hand-off notice has no ticket in the language: 「${await textOf(notice)}」`);
      const reply = page.locator('ol.chat-log > li').nth(1);
      const replyText = await textOf(reply);
      check(replyText.includes(`${c.chat.line}${m[1]}`), `${c.code}: the reply does not give the ticket number in the language: 「${replyText}」`);
      check(replyText.includes(c.chat.handedOff), `${c.code}: the reply does not say it hands off in the language: 「${replyText}」`);
      if (c.code !== 'ja') check(!replyText.includes('おつなぎします'), `${c.code}: the reply is in administrative Japanese: 「${replyText}」`);
      notes.push(`chat: ticket ${m[1]}; 「${(await textOf(notice)).slice(0, 120)}」`);
      await auditAs('/chat (hand-off)', `lang-${c.code}-chat-handoff`);

      // An English message on this page is answered in English, marked as such.
      if (c.code !== 'en') {
        await page.getByLabel(c.chat.label, { exact: true }).fill('What is the interest rate on Minato City business loans?');
        await submitAndWait(page, () => page.getByRole('button', { name: c.chat.send, exact: true }).click());
        const unmarked = await englishInsideJa(page, 'ol.chat-log');
        check(unmarked.length === 0, `${c.code}: English reply lines without lang="en": ${unmarked.slice(0, 3).join(' | ')}`);
        await auditAs('/chat (English reply)', `lang-${c.code}-chat-english`);
        notes.push('an English message got an English reply, marked lang="en"');
      }

      // 6. The chat widget on the home page answers in place, in the language.
      await open(page, '/');
      await page.getByLabel(c.widget.label, { exact: true }).fill(c.widget.message);
      await page.locator('#chat-widget-form').getByRole('button', { name: c.widget.send, exact: true }).click();
      const widget = page.locator('#chat-widget-reply');
      await widget.locator('li a[href^="/schemes/"]').first().waitFor({ state: 'visible' });
      check((await widget.getAttribute('lang')) === c.chat.replyLang, `${c.code}: the widget's reply is marked lang=${await widget.getAttribute('lang')}`);
      notes.push(`widget answered in place (lang=${c.chat.replyLang})`);
      await auditAs('/ (widget answer)', `lang-${c.code}-widget`);
    } finally {
      await context.close();
    }
    const failures = [...audits.flatMap((a) => a.problems), ...problems];
    check(failures.length === 0, failures.join('\n'));
    notes.push(`${audits.length} pages audited in ${c.name}: no serious/critical axe violations, <html lang> ${c.htmlLang}${c.code === 'en' ? ', all Japanese inside lang="ja"' : ''}`);
    return notes;
  };
}


// ---------------------------------------------------------------------------------------------
// Journey 11: the staff console in English and in やさしい日本語, chosen with the visible switch —
// dashboard, inquiry list and one inquiry, the corpus edit form, the monthly report, and a
// refusal (a month that cannot be read) worded in the language; axe on every page.

/** The one-line messages of a language's console catalogs (`key = value`), for the words a page must show. */
function consoleCatalog(code) {
  const messages = {};
  for (const file of ['console.ftl', 'editing.ftl']) {
    const text = fs.readFileSync(path.join(HERE, '..', '..', 'locales', code, file), 'utf8');
    for (const line of text.split('\n')) {
      const m = line.match(/^([a-z][a-z0-9-]*) = (.+)$/);
      if (m) messages[m[1]] = m[2];
    }
  }
  return messages;
}

/** The text of a message before its first placeable ("Monthly report ({ $month })" → "Monthly report"). */
const lead = (message) => message.split('{')[0].replace(/[（(]\s*$/, '').trim();

const CONSOLE_LANGUAGES = [
  { code: 'en', name: 'English', htmlLang: 'en' },
  { code: 'easy', name: 'やさしい日本語', htmlLang: 'ja' },
];

async function consoleLanguages(browser) {
  const { context, page, problems } = await newPage(browser);
  const notes = [];
  const audits = [];
  const scheme = process.env.SHIEN_E2E_SCHEME || 'minato-software-hojo';
  const thisMonth = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 7);
  const ja = consoleCatalog('ja');
  try {
    await login(page);
    for (const c of CONSOLE_LANGUAGES) {
      const m = consoleCatalog(c.code);
      const auditAs = async (name) => {
        await shot(page, `console-${c.code}-${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`);
        const a = await audit(page, `${name} (${c.code})`, c.htmlLang);
        printAudit(a);
        audits.push(a);
        if (c.code === 'en') {
          const stray = await japaneseOutsideJa(page);
          if (stray.length) a.problems.push(`${name} (en): Japanese text without lang="ja": ${stray.slice(0, 5).join(' | ')}`);
        }
      };
      const heading = async (key, name) => {
        const h1 = await textOf(page.locator('h1'));
        check(h1.startsWith(lead(m[key])), `${name} (${c.code}): the heading is 「${h1}」, expected 「${lead(m[key])}…」`);
        return h1;
      };

      // The switch on the dashboard chooses the language; the cookie carries it from page to page.
      await open(page, '/admin');
      await submitAndWait(page, () => page.locator('nav.langs').getByRole('link', { name: c.name, exact: true }).click());
      check((await page.evaluate(() => document.documentElement.lang)) === c.htmlLang, `${c.code}: <html lang> after the switch`);
      const cookies = await context.cookies();
      check(cookies.some((k) => k.name === 'shien_lang' && k.value === c.code), `${c.code}: the shien_lang cookie was not set`);
      await heading('dashboard-title', '/admin');
      check((await textOf(page.locator('body'))).includes(m['console-nav-audit'] || ''), `${c.code}: the console's menu is not in the language`);
      await auditAs('/admin');

      // The inquiry list and the newest inquiry (journeys 1–3 logged some).
      await open(page, '/admin/inquiries');
      await heading('inquiries-title', '/admin/inquiries');
      await auditAs('/admin/inquiries');
      const first = page.locator('a[href^="/admin/inquiries/"]').first();
      check((await first.count()) === 1, `${c.code}: the inquiry list links to no inquiry`);
      await submitAndWait(page, () => first.click());
      await heading('inquiry-title', '/admin/inquiries/{id}');
      await auditAs('/admin/inquiries/{id}');

      // The corpus edit form: the console's words in the language, the entry's text marked Japanese.
      await open(page, `/admin/corpus/entry?path=${encodeURIComponent(`schemes/ward/${scheme}.toml`)}`);
      await heading('editing-edit-heading', '/admin/corpus/entry');
      await auditAs('/admin/corpus/entry');

      // The monthly report for this month.
      await open(page, `/admin/report?month=${thisMonth}`);
      await heading('report-title', '/admin/report');
      await auditAs('/admin/report');

      // A refusal: a month that cannot be read, worded in the language (400, shown on the page).
      await open(page, '/admin/report?month=2026-13', 400);
      const alert = await textOf(page.locator('[role="alert"]'));
      const expected = m['console-refusal-month-format'].replace('{ $given }', '2026-13');
      check(alert === expected, `${c.code}: the refusal reads 「${alert}」, expected 「${expected}」`);
      check(alert !== ja['console-refusal-month-format'].replace('{ $given }', '2026-13'), `${c.code}: the refusal is in administrative Japanese`);
      await auditAs('/admin/report (refused month)');
      notes.push(`${c.name}: dashboard, inquiries, one inquiry, edit form, report in the language; refusal 「${alert}」`);
    }
  } finally {
    await context.close();
  }
  const failures = [...audits.flatMap((a) => a.problems), ...problems];
  check(failures.length === 0, failures.join('\n'));
  notes.push(`${audits.length} console pages audited (${AXE_TAGS.join(', ')}): no serious/critical violations; <html lang> en / ja; in English all Japanese inside lang="ja"`);
  return notes;
}
// ---------------------------------------------------------------------------------------------

const JOURNEYS = [
  ['1. Questionnaire', questionnaire],
  ['2. Operator search', operatorSearch],
  ['3. Chatbot', chatbot],
  ['4. Staff console', staff],
  ['5. Keyboard only', keyboard],
  ['6. Accessibility', accessibility],
  ...LANGUAGES.map((c, i) => [`${7 + i}. In ${c.name}`, languageJourney(c)]),
  // Journey 10 is the two-replica one (replicas.mjs).
  ['11. Staff console in English and やさしい日本語', consoleLanguages],
];

async function main() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // Clear the previous run's screenshots and downloads (run.sh keeps server.log here).
  for (const f of fs.readdirSync(ARTIFACTS)) if (/\.(png|csv)$/.test(f)) fs.rmSync(path.join(ARTIFACTS, f));
  const health = await fetch(url('/healthz')).catch((e) => ({ ok: false, status: e.message }));
  if (!health.ok) {
    console.error(`${url('/healthz')} is not answering (${health.status}); start the server first (see README.md)`);
    process.exit(2);
  }
  await runJourneys(`支援ナビ e2e: ${BASE}`, JOURNEYS, ARTIFACTS, taken);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
