import Statements
import TrustFundRules

extension VerifyPage {
    /// The page's script, inline: reads what the donor gives, checks it with WebCrypto (Ed25519,
    /// SHA-256) and nothing else, and shows the outcome. Its texts come from the page's hidden
    /// `#texts` element (`VerifyPageText`), so one script serves both languages. Every check
    /// throws a `Refusal` naming what failed; anything else thrown (a bug, a browser without
    /// Ed25519) is caught and shown as a refusal too, never left in the console.
    /// The chart's net asset, revenue and expense accounts as a JavaScript array, the terms of
    /// a statement's fund balance (`StatementFigureRules`).
    static let equityAccounts = "[" + FundChart.accounts.filter { [.netAssets, .revenue, .expense].contains($0.type) }
        .map { "'\($0.code)'" }.joined(separator: ", ") + "]"

    /// The statement's figures no sealed balance is (`StatementFigureRules.unprovable`), as a
    /// JavaScript array.
    static let unprovableFigures = "[" + StatementFigureRules.unprovable.map { "'\($0.figure)'" }.joined(separator: ", ") + "]"

    static let script = #"""
'use strict';
(() => {
  const LIMIT_BYTES = 5 * 1024 * 1024;
  const PIECES_MAX = 3;
  const PATH_MAX = 64;
  const CONTEXT = 'vtf-donor-statement/1\n';
  const BALANCE_FORMAT = 'vtf-balance-proof/1';
  const TLOG_HEADER = 'c2sp.org/tlog-proof@v1';
  const TLOG_MAX_BYTES = 1 << 20;
  const TLOG_PATH_MAX = 63;
  const $ = (id) => document.getElementById(id);
  const page = $('verify-page');
  const fundCurrency = page.dataset.currency || '';
  const language = document.documentElement.lang === 'fr' ? 'fr' : 'en';
  const texts = {};
  for (const element of document.querySelectorAll('#texts [data-key]')) texts[element.dataset.key] = element.textContent;

  /** The text `key` with each {name} replaced by values[name]. */
  function say(key, values) {
    const text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (values && name in values ? String(values[name]) : whole));
  }

  /** `count` with its noun: the text of `key` is "singular|plural" ({n} the count); French
   *  takes the singular for 0 and 1, English for 1 only. */
  function counted(key, count) {
    const [one, many] = say(key, { n: count }).split('|');
    return (count === 1 || (language === 'fr' && count === 0)) ? one : many;
  }

  class Refusal extends Error {}
  /** Stops the checks: `key` names the reason, shown as the first failing check. */
  function refuse(key, values) { throw new Refusal(say(key, values)); }

  // ---- Bytes, hex, base64, SHA-256, Ed25519 ----
  const encoder = new TextEncoder();
  const utf8 = (text) => encoder.encode(text);
  const hex = (bytes) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  function concat(...parts) {
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of parts) { out.set(part, at); at += part.length; }
    return out;
  }
  function equalBytes(left, right) {
    if (left.length !== right.length) return false;
    return left.every((byte, index) => byte === right[index]);
  }
  /** Canonical base64 (padded, no white space) to bytes; null when it is not. */
  function base64Bytes(text) {
    if (typeof text !== 'string' || text.length % 4 !== 0) return null;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
    let binary;
    try { binary = atob(text); } catch (error) { return null; }
    return Uint8Array.from(binary, (character) => character.charCodeAt(0));
  }
  function hexBytes(text) {
    if (typeof text !== 'string' || !/^[0-9a-f]{64}$/.test(text)) return null;
    return Uint8Array.from(text.match(/../g), (pair) => parseInt(pair, 16));
  }
  async function sha256(bytes) {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  }
  function requireWebCrypto() {
    if (!globalThis.crypto || !crypto.subtle) refuse('browser.noWebCrypto');
  }
  async function importEd25519(raw) {
    try {
      return await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    } catch (error) {
      if (error && error.name === 'NotSupportedError') refuse('browser.noEd25519');
      return null;
    }
  }
  async function verifyEd25519(key, signature, message) {
    try { return await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message); } catch (error) { return false; }
  }

  // ---- RFC 8785: the canonical JSON the statement's signature covers ----
  /** RFC 8785 text of a value JSON.parse made: members sorted by UTF-16 code units, strings and
   *  numbers as ECMAScript writes them (which is what RFC 8785 prescribes). */
  function canonical(value) {
    if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Refusal(say('json.number'));
      return JSON.stringify(value);
    }
    if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
    const names = Object.keys(value).sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
    return '{' + names.map((name) => JSON.stringify(name) + ':' + canonical(value[name])).join(',') + '}';
  }

  // ---- Exact decimals (amounts are strings such as "1500.00"; never floats) ----
  function decimal(text) {
    const match = typeof text === 'string' ? /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(text) : null;
    if (!match) return null;
    const fraction = match[3] || '';
    const units = BigInt(match[2] + fraction);
    return { units: match[1] ? -units : units, scale: fraction.length };
  }
  /** `value` with `scale` digits after the point (at least as many as it has). */
  function atScale(value, scale) {
    return { units: value.units * 10n ** BigInt(scale - value.scale), scale };
  }
  function addDecimals(left, right) {
    const scale = Math.max(left.scale, right.scale);
    return { units: atScale(left, scale).units + atScale(right, scale).units, scale };
  }
  function sumDecimals(texts) {
    let total = { units: 0n, scale: 0 };
    for (const text of texts) {
      const next = decimal(text);
      if (!next) return null;
      total = addDecimals(total, next);
    }
    return total;
  }
  /** Whether two exact decimals are the same number, whatever their scales. */
  function sameDecimal(left, right) {
    const scale = Math.max(left.scale, right.scale);
    return atScale(left, scale).units === atScale(right, scale).units;
  }
  function decimalText(value) {
    const negative = value.units < 0n;
    const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
    const whole = digits.slice(0, digits.length - value.scale);
    return (negative ? '-' : '') + whole + (value.scale > 0 ? '.' + digits.slice(digits.length - value.scale) : '');
  }
  /** Text for people: null or missing as "none", anything else as it is. */
  function plain(value) {
    return value === null || value === undefined ? say('none') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  /** A decimal string for people: 1,234.50 (en), 1 234,50 (fr); other values as plain() says. */
  function figure(text) {
    if (typeof text !== 'string' || !decimal(text)) return plain(text);
    const [whole, fraction] = text.replace('-', '').split('.');
    const group = language === 'fr' ? '\u202f' : ',';
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
    return (text.startsWith('-') ? '-' : '') + grouped + (fraction === undefined ? '' : (language === 'fr' ? ',' : '.') + fraction);
  }

  // ---- Dates (YYYY-MM-DD, as days since 1970-01-01) ----
  const DAY_MS = 86400000;
  const dateText = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  /** The day of a YYYY-MM-DD date; null when it is not one (2025-02-30 is not). */
  function days(text) {
    const match = typeof text === 'string' ? /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text) : null;
    if (!match) return null;
    const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
    return Number.isSafeInteger(day) && dateText(day) === text ? day : null;
  }

  // ---- Reading members without ever throwing a TypeError ----
  const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
  const has = (object, name) => Object.prototype.hasOwnProperty.call(object, name);
  function member(object, name, type, where) {
    const value = isObject(object) && has(object, name) ? object[name] : undefined;
    const fits = {
      string: typeof value === 'string',
      integer: Number.isSafeInteger(value) && value >= 0,
      object: isObject(value),
      array: Array.isArray(value),
      'string|null': value === null || typeof value === 'string',
    }[type];
    if (!fits) refuse('json.member', { where, name, type: say('type.' + type) });
    return value;
  }

  // ---- Keys: the fund's log key (type 0x01) and auditors' witness keys (type 0x04) ----
  /** A C2SP verifier key NAME+KEYID+BASE64(type || key), with its key id checked. */
  async function verifierKey(text, type, what) {
    const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(typeof text === 'string' ? text.trim() : '');
    if (!match) refuse('key.form', { what });
    const bytes = base64Bytes(match[3]);
    if (!bytes || bytes.length !== 33 || bytes[0] !== type) refuse(type === 1 ? 'key.notLog' : 'key.notWitness', { what });
    const raw = bytes.slice(1);
    const id = hex((await sha256(concat(utf8(match[1] + '\n'), Uint8Array.of(type), raw))).slice(0, 4));
    if (id !== match[2]) refuse('key.id', { what, given: match[2], id, type: type === 1 ? '0x01' : '0x04' });
    const key = await importEd25519(raw);
    if (!key) refuse('key.refused', { what });
    return { name: match[1], id: match[2], key };
  }

  // ---- The checkpoint: a C2SP signed note ----
  /** A checkpoint as vtf's SignedNote and Checkpoint read one (c2sp.org/signed-note): no control
   *  character but newlines; the text up to the last blank line (origin, size, base64 root, any
   *  extension lines, none empty); after it only signature lines "— name base64", 1 to 100,
   *  each ending in a newline. Anything else is refused, never skipped. */
  function readNote(note) {
    if (typeof note !== 'string' || /[\u0000-\u0009\u000b-\u001f]/.test(note)) refuse('checkpoint.form');
    const end = note.lastIndexOf('\n\n');
    if (end < 0 || !note.endsWith('\n') || note.length <= end + 2) refuse('checkpoint.form');
    const text = note.slice(0, end + 1);
    const lines = text.slice(0, -1).split('\n');
    const size = /^(0|[1-9][0-9]{0,15})$/.test(lines[1] || '') ? Number(lines[1]) : NaN;
    const root = base64Bytes(lines[2] || '');
    if (!Number.isSafeInteger(size) || !root || root.length !== 32 || lines.some((line) => line === '')) refuse('checkpoint.form');
    const signatures = [];
    for (const line of note.slice(end + 2, -1).split('\n')) {
      const match = /^\u2014 ([^\s+]+) ([A-Za-z0-9+/]+=*)$/.exec(line);
      const bytes = match ? base64Bytes(match[2]) : null;
      if (!bytes || bytes.length < 5 || signatures.length === 100) refuse('checkpoint.form');
      signatures.push({ name: match[1], id: hex(bytes.slice(0, 4)), bytes, line });
    }
    return { origin: lines[0], size, root, text: utf8(text), signatures };
  }
  async function checkLogSignature(note, fund) {
    for (const signature of note.signatures) {
      if (signature.name !== fund.name || signature.id !== fund.id || signature.bytes.length !== 68) continue;
      if (await verifyEd25519(fund.key, signature.bytes.slice(4), note.text)) return;
    }
    refuse('checkpoint.unsigned');
  }
  /** Whether `signature` (a cosignature line's parts) verifies with the witness key: Ed25519
   *  over "cosignature/v1\ntime T\n" and the checkpoint's text (c2sp.org/tlog-cosignature). */
  async function cosigns(signature, witness, note) {
    if (signature.name !== witness.name || signature.id !== witness.id || signature.bytes.length !== 76) return false;
    const time = new DataView(signature.bytes.buffer, signature.bytes.byteOffset + 4, 8).getBigUint64(0);
    const message = concat(utf8('cosignature/v1\ntime ' + time.toString() + '\n'), note.text);
    return verifyEd25519(witness.key, signature.bytes.slice(12), message);
  }

  // ---- RFC 9162: a leaf, its inclusion proof, the root ----
  async function node(left, right) { return sha256(concat(Uint8Array.of(1), left, right)); }
  async function rootFromProof(index, size, leaf, path) {
    if (index >= size || path.length > PATH_MAX) return null;
    let fn = index, sn = size - 1, hash = leaf;
    for (const sibling of path) {
      if (sn === 0) return null;
      if (fn % 2 === 1 || fn === sn) {
        hash = await node(sibling, hash);
        if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
      } else {
        hash = await node(hash, sibling);
      }
      fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
    }
    return sn === 0 ? hash : null;
  }
  /** A journal line's signed bytes: the line without its "sig" member, which in canonical
   *  member order sits between "seq" and "signer" (as vtf and the openssl script read it). */
  function entryBytes(line, where) {
    const marker = ',"sig":"';
    const start = line.lastIndexOf(marker);
    const end = start < 0 ? -1 : line.indexOf('"', start + marker.length);
    if (end < 0 || !line.startsWith(',"signer":', end + 1)) refuse('entry.noSig', { where });
    return utf8(line.slice(0, start) + line.slice(end + 1));
  }
  function readEntry(line, where) {
    let entry;
    try { entry = JSON.parse(line); } catch (error) { refuse('entry.notJSON', { where }); }
    if (!isObject(entry)) refuse('entry.notJSON', { where });
    return entry;
  }
  function proofHashes(path, where) {
    if (!Array.isArray(path) || path.length > PATH_MAX) refuse('proof.form', { where });
    return path.map((text) => hexBytes(text) || refuse('proof.form', { where }));
  }

  // ---- What a receipt or refund says, from its entry (as vtf's StatementFigures) ----
  const MONEY_IN = ['1100', '5400', '2400'];
  function postingsOf(entry) {
    return Array.isArray(entry.postings) ? entry.postings.filter(isObject) : [];
  }
  function rateOf(entry, currency) {
    const used = isObject(entry.data) && isObject(entry.data.unore) ? entry.data.unore[currency] : undefined;
    if (!isObject(used)) return [null, null];
    return [typeof used.rate === 'string' ? used.rate : null, typeof used.from === 'string' ? used.from : null];
  }
  function moneyFigures(entry, postings, negate) {
    if (postings.length === 0) return null;
    const currency = postings[0].currency;
    const amount = sumDecimals(postings.map((posting) => posting.amount));
    const value = sumDecimals(postings.map((posting) => posting.value));
    if (!amount || !value || postings.some((posting) => posting.currency !== currency)) return null;
    if (negate) { amount.units = -amount.units; value.units = -value.units; }
    const [rate, rateFrom] = rateOf(entry, currency);
    return { seq: entry.seq, date: entry.date, amount: decimalText(amount), currency, rate, rate_from: rateFrom, value: decimalText(value) };
  }
  function receiptFigures(entry) {
    if (entry.kind !== 'contribution.receive' && entry.kind !== 'contribution.apply') return null;
    const agreement = isObject(entry.data) ? entry.data.agreement : undefined;
    if (typeof agreement !== 'string') return null;
    const debits = postingsOf(entry).filter((posting) => MONEY_IN.includes(posting.account)
      && typeof posting.amount === 'string' && !posting.amount.startsWith('-'));
    const figures = moneyFigures(entry, debits, false);
    if (!figures) return null;
    const bankRef = entry.kind === 'contribution.receive' ? entry.ref : entry.data.receipt;
    return { ...figures, reference: agreement, bank_ref: typeof bankRef === 'string' ? bankRef : null };
  }
  function refundFigures(entry, request) {
    if (entry.kind !== 'approval.approve' || !isObject(entry.data) || entry.data.request !== request) return null;
    const credits = postingsOf(entry).filter((posting) => posting.account === '1100'
      && typeof posting.amount === 'string' && posting.amount.startsWith('-'));
    const figures = moneyFigures(entry, credits, true);
    return figures ? { ...figures, reference: request, bank_ref: null } : null;
  }

  // ---- A statement (vtf-donor-statement/1) ----
  async function checkStatement(statement, run) {
    const fund = await run.step('check.key', () => fundKey(run));
    await run.step('check.signature', () => checkSignature(statement, fund));
    const { origin, currency } = await run.step('check.origin', () => {
      const fundMember = member(statement, 'fund', 'object', 'statement');
      const found = { origin: member(fundMember, 'origin', 'string', 'fund'), currency: member(fundMember, 'currency', 'string', 'fund') };
      if (found.origin !== fund.name) refuse('statement.origin', { origin: found.origin, name: fund.name });
      return found;
    });
    const stated = isObject(statement.checkpoint) ? statement.checkpoint : {};
    const note = await run.step('check.checkpoint', () => checkpoint(member(stated, 'note', 'string', 'checkpoint'), fund,
      member(stated, 'size', 'integer', 'checkpoint')), { size: plain(stated.size) });
    await checkAudits(statement, note, run);
    await checkWitnesses(note, run);
    const sections = await run.step('check.lists', () => ({
      receipts: member(statement, 'receipts', 'array', 'statement'), refunds: member(statement, 'refunds', 'array', 'statement'),
    }));
    const period = { from: statement.from, to: statement.to, donor: isObject(statement.donor) ? statement.donor.id : undefined, seen: new Set() };
    for (const [section, items] of Object.entries(sections)) {
      for (const [index, item] of items.entries()) {
        const where = say(section === 'receipts' ? 'item.receipt' : 'item.refund', { n: index + 1, seq: isObject(item) ? plain(item.seq) : '?' });
        await run.step(section === 'receipts' ? 'check.receipt' : 'check.refund', () => checkItem(item, where, section === 'refunds', { origin, note, currency, ...period }), { where });
        run.checked.push({ where, item });
      }
    }
    await run.step('check.totals', () => checkTotals(statement, sections, currency));
    await run.step('check.outstanding', () => checkOutstanding(statement));
    run.figures = await checkProofs(statement, note, currency, run);
    const proven = run.figures.proven.map((figure) => figure.figure);
    run.accepted = say('accepted.statement', {
      receipts: counted('count.receipts', sections.receipts.length), refunds: counted('count.refunds', sections.refunds.length), origin, size: note.size,
    }) + ' ' + say('accepted.proven', { names: proven.length > 0 ? proven.join(', ') : say('none') });
    run.audits = auditSummary(statement, run);
    run.statement = statement;
    run.note = note;
  }
  async function fundKey(run) {
    requireWebCrypto();
    return verifierKey(run.vkey, 1, say('what.fundKey'));
  }
  async function checkSignature(statement, fund) {
    if (statement.format !== 'vtf-donor-statement/1') refuse('statement.format');
    const signature = base64Bytes(statement.signature);
    if (!signature || signature.length !== 64) refuse('signature.form');
    // fromEntries keeps every member as JSON.parse made it (a "__proto__" one included).
    const unsigned = Object.fromEntries(Object.entries(statement).filter(([name]) => name !== 'signature'));
    if (!(await verifyEd25519(fund.key, signature, utf8(CONTEXT + canonical(unsigned))))) refuse('signature.bad', { name: fund.name });
  }
  async function checkpoint(text, fund, size) {
    const note = readNote(text);
    if (note.origin !== fund.name) refuse('checkpoint.origin', { origin: note.origin, name: fund.name });
    if (size !== undefined && note.size !== size) refuse('checkpoint.size', { size: note.size, stated: size });
    await checkLogSignature(note, fund);
    return note;
  }
  async function checkAudits(statement, note, run) {
    const audits = member(statement, 'audited_by', 'array', 'statement');
    for (const [index, audit] of audits.entries()) {
      const holder = isObject(audit) && typeof audit.holder === 'string' ? audit.holder : String(index + 1);
      await run.step('check.audit', async () => {
        const line = member(audit, 'witness', 'string', 'audited_by ' + holder);
        const signature = note.signatures.find((candidate) => candidate.line === line);
        if (!signature) refuse('audit.notOnCheckpoint', { holder });
        const witness = await verifierKey(member(audit, 'vkey', 'string', 'audited_by ' + holder), 4, 'audited_by ' + holder);
        if (!(await cosigns(signature, witness, note))) refuse('audit.bad', { holder });
      }, { holder });
    }
  }
  async function checkWitnesses(note, run) {
    for (const text of run.witnesses) {
      const witness = await run.step('check.witnessKey', () => verifierKey(text, 4, say('what.witness')), { name: text.split('+')[0] });
      await run.step('check.witness', async () => {
        for (const signature of note.signatures) if (await cosigns(signature, witness, note)) return;
        refuse('witness.missing', { name: witness.name });
      }, { name: witness.name });
      run.witnessesChecked.push(witness.name);
    }
  }
  async function checkItem(item, where, refund, context) {
    if (!isObject(item)) refuse('json.member', { where, name: '', type: say('type.object') });
    const seq = member(item, 'seq', 'integer', where);
    const line = member(item, 'entry', 'string', where);
    const entry = readEntry(line, where);
    if (entry.seq !== seq) refuse('entry.seq', { where, seq });
    if (entry.ledger !== context.origin) refuse('entry.ledger', { where, origin: context.origin });
    const leaf = await sha256(concat(Uint8Array.of(0), entryBytes(line, where)));
    const root = await rootFromProof(seq, context.note.size, leaf, proofHashes(item.proof, where));
    if (!root || !equalBytes(root, context.note.root)) refuse('entry.notIncluded', { where });
    const figures = refund ? refundFigures(entry, item.reference) : receiptFigures(entry);
    if (!figures) refuse(refund ? 'entry.notRefund' : 'entry.notReceipt', { where, seq });
    compareFigures(item, figures, where, context.currency, refund);
    checkListing(entry, seq, where, refund, context);
    if (refund) await checkRequest(item, entry, where, context);
  }
  /** A refund's approval names only its request's ref, and its postings name no donor: the
   *  statement shows the request entry too (as vtf statement verify checks). It must be in the
   *  tree, before the approval, the approval.request of that ref, a donor.refund of this
   *  statement's donor, for the amount shown. */
  async function checkRequest(item, approval, where, context) {
    const at = where + ' request';
    const shown = item.request;
    if (!isObject(shown)) refuse('refund.noRequest', { where, donor: plain(context.donor) });
    const seq = member(shown, 'seq', 'integer', at);
    const line = member(shown, 'entry', 'string', at);
    const request = readEntry(line, at);
    if (request.seq !== seq) refuse('entry.seq', { where: at, seq });
    if (request.ledger !== context.origin) refuse('entry.ledger', { where: at, origin: context.origin });
    const leaf = await sha256(concat(Uint8Array.of(0), entryBytes(line, at)));
    const root = await rootFromProof(seq, context.note.size, leaf, proofHashes(shown.proof, at));
    if (!root || !equalBytes(root, context.note.root)) refuse('entry.notIncluded', { where: at });
    const data = isObject(request.data) ? request.data : {};
    if (request.kind !== 'approval.request' || !(seq < approval.seq) || request.ref !== item.reference
      || data.action !== 'donor.refund' || typeof context.donor !== 'string' || data.donor !== context.donor) {
      refuse('refund.otherRequest', { where, seq: approval.seq, request: seq, donor: plain(context.donor) });
    }
    if (data.amount !== item.amount || data.currency !== item.currency) refuse('refund.amount', { where, ref: plain(request.ref) });
    const other = Object.keys(shown).find((name) => !['seq', 'entry', 'proof'].includes(name));
    if (other !== undefined) refuse('figure.other', { where: at, name: other });
  }
  /** An entry is listed once and dated in the statement's period; a receipt credits the donor's
   *  receivable, or its refunds payable for what it paid beyond its agreement (as vtf statement
   *  verify checks). */
  function checkListing(entry, seq, where, refund, context) {
    if (context.seen.has(seq)) refuse('entry.twice', { where });
    context.seen.add(seq);
    const day = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
    if (!day.test(String(context.from)) || !day.test(String(context.to)) || context.from > context.to) {
      refuse('statement.period', { from: plain(context.from), to: plain(context.to) });
    }
    const date = entry.date;
    if (typeof date !== 'string' || date < context.from || date > context.to) {
      refuse('entry.outside', { where, date: plain(date), from: plain(context.from), to: plain(context.to) });
    }
    if (refund) return;
    const receivable = '\#(FundChart.receivables.rawValue).' + context.donor, payable = '\#(FundChart.refundsPayable.rawValue).' + context.donor;
    const credits = Array.isArray(entry.postings) && entry.postings.some((posting) => isObject(posting)
      && (posting.account === receivable || posting.account === payable) && typeof posting.amount === 'string' && posting.amount.startsWith('-'));
    if (typeof context.donor !== 'string' || !credits) refuse('entry.otherDonor', { where, receivable, payable, donor: plain(context.donor) });
  }
  const ITEM_MEMBERS = ['seq', 'date', 'reference', 'amount', 'currency', 'rate', 'rate_from', 'value', 'bank_ref', 'entry', 'proof'];
  /** Each figure shown is its entry's, and the item has exactly the members vtf writes (as vtf
   *  statement verify compares the whole item with the one it makes from the entry). */
  function compareFigures(item, figures, where, fundCurrency, refund) {
    const members = refund ? [...ITEM_MEMBERS, 'request'] : ITEM_MEMBERS;
    const absent = members.find((name) => !has(item, name));
    if (absent !== undefined) refuse('figure.missing', { where, name: absent });
    const money = (amount, currency) => figure(amount) + ' ' + plain(currency);
    const shown = (name) => (has(item, name) ? item[name] : undefined);
    if (shown('date') !== figures.date) refuse('figure.date', { where, shown: plain(shown('date')), entry: plain(figures.date) });
    if (shown('reference') !== figures.reference) refuse('figure.reference', { where, shown: plain(shown('reference')), entry: plain(figures.reference) });
    if (shown('amount') !== figures.amount || shown('currency') !== figures.currency) {
      refuse('figure.amount', { where, shown: money(shown('amount'), shown('currency')), entry: money(figures.amount, figures.currency) });
    }
    if (shown('rate') !== figures.rate) refuse('figure.rate', { where, shown: figure(shown('rate')), entry: figure(figures.rate) });
    if (shown('rate_from') !== figures.rate_from) refuse('figure.rateFrom', { where, shown: plain(shown('rate_from')), entry: plain(figures.rate_from) });
    if (shown('value') !== figures.value) refuse('figure.value', { where, shown: money(shown('value'), fundCurrency), entry: money(figures.value, fundCurrency) });
    if (shown('bank_ref') !== figures.bank_ref) refuse('figure.bankRef', { where, shown: plain(shown('bank_ref')), entry: plain(figures.bank_ref) });
    const other = Object.keys(item).find((name) => !members.includes(name));
    if (other !== undefined) refuse('figure.other', { where, name: other });
  }
  /** totals.received_value and refunded_value are the sums of the values listed (as numbers:
   *  with nothing listed, the sum has no scale to compare the text with). */
  function checkTotals(statement, sections, currency) {
    const totals = member(statement, 'totals', 'object', 'statement');
    for (const [name, section, key] of [['received_value', 'receipts', 'totals.received'], ['refunded_value', 'refunds', 'totals.refunded']]) {
      const sum = sumDecimals(sections[section].map((item) => item.value));
      const stated = member(totals, name, 'string', 'totals');
      if (!sum || !decimal(stated) || !sameDecimal(sum, decimal(stated))) {
        refuse(key, { shown: figure(stated) + ' ' + currency, sum: sum ? figure(decimalText(sum)) + ' ' + currency : '?' });
      }
    }
  }
  function auditSummary(statement, run) {
    const named = statement.audited_by.map((audit) => audit.holder + ' (' + String(audit.vkey).split('+')[0] + ')');
    if (run.witnessesChecked.length > 0) return say('audits.checked', { names: run.witnessesChecked.join(', ') });
    return named.length === 0 ? say('audits.none') : say('audits.notChecked', { names: named.join(', ') });
  }

  // ---- A journal line with its inclusion proof (vtf prove inclusion) and checkpoint ----
  async function checkEntryProof(pieces, run) {
    const fund = await run.step('check.key', () => fundKey(run));
    const note = await run.step('check.checkpointOnly', () => checkpoint(pieces.note, fund, undefined));
    await checkWitnesses(note, run);
    const proof = pieces.proof;
    const index = await run.step('check.proofSize', () => {
      const size = member(proof, 'tree_size', 'integer', 'proof');
      if (size !== note.size) refuse('proof.size', { size, checkpoint: note.size });
      return member(proof, 'leaf_index', 'integer', 'proof');
    });
    const entry = await run.step('check.entry', async () => {
      const parsed = readEntry(pieces.line, say('what.entry'));
      if (parsed.seq !== index) refuse('proof.seq', { seq: String(parsed.seq), index });
      if (parsed.ledger !== fund.name) refuse('entry.ledger', { where: say('what.entry'), origin: fund.name });
      const leaf = await sha256(concat(Uint8Array.of(0), entryBytes(pieces.line, say('what.entry'))));
      if (hex(leaf) !== proof.leaf_hash) refuse('proof.leaf');
      return { parsed, leaf };
    });
    await run.step('check.inclusion', async () => {
      const root = await rootFromProof(index, note.size, entry.leaf, proofHashes(proof.path, 'proof'));
      if (!root || !equalBytes(root, note.root)) refuse('proof.notIncluded');
    });
    run.accepted = say('accepted.entry', { seq: index, origin: fund.name, size: note.size });
    run.audits = run.witnessesChecked.length > 0 ? say('audits.checked', { names: run.witnessesChecked.join(', ') }) : '';
    run.entry = entry.parsed;
    run.note = note;
  }

  // ---- A balance proof (vtf prove balance: vtf-balance-proof/1), as vtf proof check reads it ----
  function allowOnly(object, names, where) {
    const other = Object.keys(object).find((name) => !names.includes(name));
    if (other !== undefined) refuse('json.unknown', { where, name: other });
  }
  function currencyCode(text, where) {
    if (!/^[A-Z]{3}$/.test(text)) refuse('json.currency', { where, text });
    return text;
  }
  /** A leaf of a seal with its index and audit path: {index, leaf: {account, amount, currency, value}, path}. */
  function provenLeaf(value, where) {
    if (!isObject(value)) refuse('json.member', { where, name: '', type: say('type.object') });
    allowOnly(value, ['index', 'leaf', 'path'], where);
    const index = member(value, 'index', 'integer', where);
    const leaf = member(value, 'leaf', 'object', where);
    allowOnly(leaf, ['account', 'amount', 'currency', 'value'], where + '.leaf');
    for (const name of ['account', 'amount', 'currency', 'value']) member(leaf, name, 'string', where + '.leaf');
    currencyCode(leaf.currency, where + '.leaf.currency');
    for (const name of ['amount', 'value']) if (!decimal(leaf[name])) refuse('json.decimal', { where: where + '.leaf.' + name, text: leaf[name] });
    return { index, leaf, path: proofHashes(member(value, 'path', 'array', where), where + '.path') };
  }
  function readBalanceProof(proof) {
    const where = say('what.balanceProof');
    allowOnly(proof, ['format', 'account', 'currency', 'as_of', 'balance', 'zero', 'seal', 'checkpoint'], where);
    const account = member(proof, 'account', 'string', where);
    const currency = currencyCode(member(proof, 'currency', 'string', where), 'currency');
    const asOf = member(proof, 'as_of', 'string', where);
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(asOf)) refuse('json.date', { where: 'as_of', text: asOf });
    if (has(proof, 'balance') === has(proof, 'zero')) refuse('balance.oneOf');
    let balance = null, zero = null;
    if (has(proof, 'balance')) {
      balance = provenLeaf(member(proof, 'balance', 'object', where), 'balance');
    } else {
      const around = member(proof, 'zero', 'object', where);
      allowOnly(around, ['before', 'after'], 'zero');
      const side = (name) => (around[name] === null || !has(around, name) ? null : provenLeaf(member(around, name, 'object', 'zero'), 'zero.' + name));
      zero = { before: side('before'), after: side('after') };
    }
    const seal = member(proof, 'seal', 'object', where);
    allowOnly(seal, ['entry', 'path'], 'seal');
    return {
      account, currency, asOf, balance, zero, sealLine: member(seal, 'entry', 'string', 'seal'),
      sealPath: proofHashes(member(seal, 'path', 'array', 'seal'), 'seal.path'), note: member(proof, 'checkpoint', 'string', where),
    };
  }
  /** Below zero when `one` comes before `other` in their UTF-8 bytes, zero when they are equal. */
  function byteOrder(one, other) {
    const [x, y] = [utf8(one), utf8(other)];
    for (let at = 0; at < Math.min(x.length, y.length); at += 1) if (x[at] !== y[at]) return x[at] - y[at];
    return x.length - y.length;
  }
  /** The seal's order: by account, then currency, comparing their UTF-8 bytes. */
  function precedes(left, right) {
    const byAccount = byteOrder(left[0], right[0]);
    return byAccount !== 0 ? byAccount < 0 : byteOrder(left[1], right[1]) < 0;
  }
  /** The seal entry's journal line, read once its inclusion in the checkpoint's tree is checked
   *  (as vtf's SealEntryProof: seq within the checkpoint, then the path to its root). */
  async function includedSeal(line, path, note) {
    const entry = readEntry(line, say('what.seal'));
    if (!Number.isSafeInteger(entry.seq) || entry.seq < 0 || entry.seq >= note.size) refuse('seal.outside', { seq: plain(entry.seq), size: note.size });
    const leaf = await sha256(concat(Uint8Array.of(0), entryBytes(line, say('what.seal'))));
    const root = await rootFromProof(entry.seq, note.size, leaf, path);
    if (!root || !equalBytes(root, note.root)) refuse('seal.notIncluded');
    return entry;
  }
  /** What a seal entry seals, once it is a balances.seal of the checkpoint's log: its seq, date,
   *  number of leaves and root. */
  function sealTree(seal, note) {
    if (seal.kind !== 'balances.seal') refuse('seal.kind', { seq: seal.seq, kind: plain(seal.kind) });
    if (seal.ledger !== note.origin) refuse('seal.ledger', { ledger: plain(seal.ledger), origin: note.origin });
    const data = isObject(seal.data) ? seal.data : {};
    const root = hexBytes(data.root);
    if (!Number.isSafeInteger(data.leaves) || data.leaves < 0 || !root) refuse('seal.tree');
    if (days(data.as_of) === null) refuse('json.date', { where: say('what.seal') + ' (data.as_of)', text: plain(data.as_of) });
    return { seq: seal.seq, asOf: data.as_of, leaves: data.leaves, root: data.root, rootBytes: root };
  }
  /** Checks that a leaf (with its index and audit path) leads to the seal's root; `role` names it. */
  async function checkLeafInSeal(proven, tree, role) {
    const leaf = await sha256(concat(Uint8Array.of(0), utf8(canonical(proven.leaf))));
    const root = await rootFromProof(proven.index, tree.leaves, leaf, proven.path);
    if (!root || !equalBytes(root, tree.rootBytes)) {
      refuse('seal.leafPath', { role, account: proven.leaf.account, currency: proven.leaf.currency, index: proven.index, seq: tree.seq });
    }
  }
  /** The checks of vtf proof check, in its order: the checkpoint (and the witnesses given),
   *  the seal entry's inclusion, the seal's kind, log and date, then the leaf's path to the
   *  seal's root or, for a zero balance, its neighbours' paths, order and adjacency. */
  async function checkBalanceProof(given, run) {
    const fund = await run.step('check.key', () => fundKey(run));
    const proof = await run.step('check.balanceForm', () => readBalanceProof(given));
    const want = { account: proof.account, currency: proof.currency };
    const note = await run.step('check.checkpointOnly', () => checkpoint(proof.note, fund, undefined));
    await checkWitnesses(note, run);
    const seal = await run.step('check.sealIncluded', () => includedSeal(proof.sealLine, proof.sealPath, note));
    const tree = await run.step('check.sealKind', () => {
      const sealed = sealTree(seal, note);
      if (sealed.asOf !== proof.asOf) refuse('seal.asOf', { date: sealed.asOf, asOf: proof.asOf });
      return sealed;
    }, { asOf: proof.asOf });
    const inSeal = (proven, role) => checkLeafInSeal(proven, tree, say(role));
    const key = [proof.account, proof.currency];
    if (proof.balance) {
      await run.step('check.balanceLeaf', async () => {
        const leaf = proof.balance.leaf;
        if (leaf.account !== proof.account || leaf.currency !== proof.currency) {
          refuse('balance.other', { leafAccount: leaf.account, leafCurrency: leaf.currency, ...want });
        }
        await inSeal(proof.balance, 'role.balance');
      }, { seq: tree.seq });
    } else {
      const { before, after } = proof.zero;
      if (before) {
        await run.step('check.zeroBefore', async () => {
          await inSeal(before, 'role.before');
          if (!precedes([before.leaf.account, before.leaf.currency], key)) refuse('zero.before', { leafAccount: before.leaf.account, leafCurrency: before.leaf.currency, ...want });
        }, { seq: tree.seq });
      }
      if (after) {
        await run.step('check.zeroAfter', async () => {
          await inSeal(after, 'role.after');
          if (!precedes(key, [after.leaf.account, after.leaf.currency])) refuse('zero.after', { leafAccount: after.leaf.account, leafCurrency: after.leaf.currency, ...want });
        }, { seq: tree.seq });
      }
      await run.step('check.zeroAdjacent', () => {
        const adjacent = before && after ? before.index + 1 === after.index
          : after ? after.index === 0 : before ? before.index + 1 === tree.leaves : tree.leaves === 0;
        if (!adjacent) refuse('zero.adjacent', want);
      }, want);
    }
    const where = { seq: tree.seq, leaves: tree.leaves, size: note.size };
    const value = (leaf) => figure(leaf.value) + (fundCurrency ? ' ' + fundCurrency : '');
    const around = (side, end) => (side ? say('zero.leaf', { index: side.index, account: side.leaf.account, currency: side.leaf.currency }) : say(end));
    run.accepted = proof.balance
      ? say('accepted.balance', { ...want, asOf: proof.asOf, amount: figure(proof.balance.leaf.amount), value: value(proof.balance.leaf), ...where })
      : say('accepted.zero', { ...want, asOf: proof.asOf, before: around(proof.zero.before, 'zero.start'), after: around(proof.zero.after, 'zero.end'), ...where });
    run.audits = run.witnessesChecked.length > 0 ? say('audits.checked', { names: run.witnessesChecked.join(', ') }) : '';
    run.balance = { proof, tree, value };
    run.note = note;
  }

  // ---- A statement's figures proven by sealed balances (proofs), as vtf's StatementProofCheck ----
  /** The fund's net asset, revenue and expense accounts (from vtf's chart): the fund balance is
   *  minus their value, which every balanced entry makes assets less liabilities. */
  const EQUITY = \#(equityAccounts);
  /** The figures no sealed balance is (vtf's StatementFigureRules.unprovable). */
  const UNPROVABLE = \#(unprovableFigures);
  /** The number of grants paid: read from the proof of the grants paid (vtf's StatementFigureRules.paidCount). */
  const PAID_COUNT = '\#(StatementFigureRules.paidCount)';
  const PAID_PREFIX = '\#(FundChart.paidContra.rawValue).';
  /** The statement's provable figures, as vtf's StatementFigureRules.definitions: each a sum of
   *  signed terms, a term the balances of an account and its sub-accounts at a seal as of a
   *  date; a flow is the balance at `to` less the balance the day before `from`. */
  function figureDefinitions(statement, currency) {
    const from = days(statement.from);
    if (from === null || days(statement.to) === null) refuse('proofs.dates');
    const [end, before] = [statement.to, dateText(from - 1)];
    const balance = (accounts, sign) => accounts.map((account) => ({ sign, asOf: end, account }));
    const flow = (account, sign = 1) => [{ sign, asOf: end, account }, { sign: -sign, asOf: before, account }];
    const value = (figure, terms) => ({ figure, measure: 'value', currency, terms });
    const definitions = [value('fund_use.fund_balance', balance(EQUITY, -1)), value('fund_use.reserve', balance(['3300'], -1)),
      value('fund_use.grants_committed', flow('\#(FundChart.awardedContra.rawValue)', -1)), value('fund_use.grants_paid', flow('\#(FundChart.paidContra.rawValue)')),
      value('fund_use.grants_spent', flow('5100')), value('fund_use.psc', flow('5200'))];
    const donor = isObject(statement.donor) && typeof statement.donor.id === 'string' ? statement.donor.id : '';
    for (const code of outstandingCurrencies(statement).sort()) {
      definitions.push({ figure: 'totals.outstanding.' + code, measure: 'amount', currency: code, terms: balance(['1200.' + donor], 1) });
    }
    return definitions;
  }
  function outstandingCurrencies(statement) {
    const owed = isObject(statement.totals) && Array.isArray(statement.totals.outstanding) ? statement.totals.outstanding : [];
    return owed.map((item) => {
      if (!isObject(item) || typeof item.currency !== 'string' || !/^[A-Z]{3}$/.test(item.currency)) refuse('proofs.outstandingCurrency');
      return item.currency;
    });
  }
  /** The amount text the statement states for a figure (`fund_use.psc`, `totals.outstanding.EUR`); null when none. */
  function statedFigure(name, statement) {
    const [part, field, code] = name.split('.');
    const holder = isObject(statement[part]) ? statement[part] : {};
    const value = code === undefined ? holder[field]
      : (Array.isArray(holder[field]) ? holder[field].find((item) => isObject(item) && item.currency === code) || {} : {}).amount;
    return typeof value === 'string' ? value : null;
  }
  /** totals.outstanding is, currency by currency, the sum of the agreements' outstanding amounts. */
  function checkOutstanding(statement) {
    const sums = new Map();
    for (const agreement of member(statement, 'agreements', 'array', 'statement')) {
      const code = isObject(agreement) ? agreement.currency : undefined;
      const amount = isObject(agreement) ? decimal(agreement.outstanding) : null;
      if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code) || !amount) refuse('outstanding.unreadable');
      sums.set(code, sums.has(code) ? addDecimals(sums.get(code), amount) : amount);
      // amount = received + written off + outstanding (statements made before written_off leave it out).
      if (has(agreement, 'written_off')) {
        const parts = [agreement.received, agreement.written_off, agreement.outstanding].map(decimal);
        const whole = decimal(agreement.amount);
        if (!whole || parts.some((part) => !part) || !sameDecimal(parts.reduce(addDecimals), whole)) refuse('agreement.settled', { ref: plain(agreement.ref) });
      }
    }
    const stated = (isObject(statement.totals) && Array.isArray(statement.totals.outstanding) ? statement.totals.outstanding : []).filter(isObject);
    const shown = new Map();
    for (const item of stated) if (typeof item.currency === 'string' && !shown.has(item.currency)) shown.set(item.currency, item.amount);
    const same = shown.size === stated.length && shown.size === sums.size && [...sums].every(([code, sum]) => shown.get(code) === decimalText(sum));
    if (!same) refuse('outstanding.sum');
  }
  /** A refusal of `body` told again with `where` before it. */
  async function within(where, body) {
    try { return await body(); } catch (error) {
      if (error instanceof Refusal) throw new Refusal(say('proofs.at', { where, reason: error.message }));
      throw error;
    }
  }
  /** The checks of vtf's StatementProofCheck, in its order: every seal is a balances.seal in the
   *  checkpoint's tree; every proven figure is as its definition says, its runs of leaves complete
   *  and leading to their seals' roots, and its sum the statement's figure; every other figure is
   *  listed as not proven. A statement without proofs has every figure not proven. */
  async function checkProofs(statement, note, currency, run) {
    const read = await run.step('check.proofs', () => readProofs(statement, currency));
    if (!read.proofs) return { proven: [], notProven: new Map(read.names.map((name) => [name, say('proofs.none')])) };
    const seals = new Map();
    for (const [index, item] of read.proofs.seals.entries()) {
      const where = 'proofs.seals[' + index + ']';
      const tree = await run.step('check.proofSeal', () => provenSeal(item, where, note), { where, seq: isObject(item) ? plain(item.seq) : '?' });
      seals.set(tree.seq, tree);
    }
    const proven = [];
    for (const [index, item] of read.proofs.figures.entries()) {
      const where = 'proofs.figures[' + index + ']';
      proven.push(await run.step('check.proofFigure', async () => {
        const figure = await provenFigure(item, where, { definitions: read.definitions, seals, statement });
        if (proven.some((other) => other.figure === figure.figure)) refuse('proofs.twice', { where, name: figure.figure });
        return figure;
      }, { where, name: isObject(item) ? plain(item.figure) : '?' }));
    }
    const notProven = await run.step('check.notProven', () => notProvenFigures(read, proven.map((figure) => figure.figure)));
    if (read.derived) proven.push(await run.step('check.paidCount', () => paidCount(proven, statement)));
    return { proven, notProven };
  }
  /** The statement's number of grants paid is the number of 9900.PAID sub-accounts (one per
   *  grant) that the checked proof of the grants paid shows rising, as vtf's checkCount. */
  function paidCount(proven, statement) {
    const paid = proven.find((figure) => figure.figure === 'fund_use.grants_paid');
    if (!paid) refuse('proofs.countUnread', { name: PAID_COUNT });
    const moved = new Map();
    for (const { sign, leaves } of paid.terms) {
      for (const leaf of leaves.filter((item) => item.account.startsWith(PAID_PREFIX))) {
        const part = decimal(leaf.value);
        moved.set(leaf.account, addDecimals(moved.get(leaf.account) || { units: 0n, scale: 0 }, sign < 0 ? { ...part, units: -part.units } : part));
      }
    }
    const shown = [...moved.values()].filter((total) => total.units > 0n).length;
    const stated = isObject(statement.fund_use) ? statement.fund_use.grants_paid_count : undefined;
    if (stated !== shown) refuse('proofs.count', { name: PAID_COUNT, stated: plain(stated), shown });
    return { figure: PAID_COUNT, amount: String(shown), currency: '', seals: paid.seals };
  }
  function readProofs(statement, currency) {
    const definitions = figureDefinitions(statement, currency);
    const names = definitions.map((definition) => definition.figure).concat(UNPROVABLE);
    if (!has(statement, 'proofs') || statement.proofs === null) return { definitions, names: names.concat([PAID_COUNT]), proofs: null, derived: false };
    const proofs = member(statement, 'proofs', 'object', 'statement');
    allowOnly(proofs, ['seals', 'figures', 'not_proven'], 'proofs');
    for (const name of ['seals', 'figures', 'not_proven']) member(proofs, name, 'array', 'proofs');
    // The number of grants paid is read from the grants paid's proof unless listed as not proven.
    const derived = !proofs.not_proven.some((item) => isObject(item) && item.figure === PAID_COUNT);
    return { definitions, names: derived ? names : names.concat([PAID_COUNT]), proofs, derived };
  }
  /** proofs.seals[i]: {seq, entry, path}, a balances.seal entry in the checkpoint's tree. */
  async function provenSeal(item, where, note) {
    const seq = member(item, 'seq', 'integer', where);
    allowOnly(item, ['seq', 'entry', 'path'], where);
    const line = member(item, 'entry', 'string', where);
    const path = proofHashes(member(item, 'path', 'array', where), where + '.path');
    const tree = await within(where, async () => sealTree(await includedSeal(line, path, note), note));
    if (tree.seq !== seq) refuse('proofs.sealSeq', { where, seq: tree.seq, stated: seq });
    return tree;
  }
  /** proofs.figures[i]: its measure and terms its definition's, its sum its amount and the statement's. */
  async function provenFigure(item, where, context) {
    const name = member(item, 'figure', 'string', where);
    allowOnly(item, ['figure', 'measure', 'currency', 'amount', 'terms'], where);
    const definition = context.definitions.find((candidate) => candidate.figure === name);
    if (!definition) refuse('proofs.notFigure', { where, name });
    if (member(item, 'measure', 'string', where) !== definition.measure || member(item, 'currency', 'string', where) !== definition.currency) {
      refuse('proofs.measure', { where, name, measure: definition.measure, currency: definition.currency });
    }
    const terms = member(item, 'terms', 'array', where);
    if (terms.length !== definition.terms.length) refuse('proofs.termCount', { where, name, count: definition.terms.length, given: terms.length });
    const checked = [];
    for (const [index, term] of terms.entries()) {
      checked.push(await provenTerm(term, where + '.terms[' + index + ']', { name, expected: definition.terms[index], seals: context.seals }));
    }
    const amount = checkSum(item, where, definition, figureSum(definition, checked.map((term) => term.leaves)), context.statement);
    const seals = checked.map((term) => term.tree).filter((tree, index, trees) => trees.indexOf(tree) === index);
    const signed = checked.map((term, index) => ({ sign: definition.terms[index].sign, leaves: term.leaves }));
    return { figure: name, amount, currency: definition.currency, seals, terms: signed };
  }
  /** One term: its seal among proofs.seals, its sign, account and seal's date the definition's,
   *  and its run of leaves complete in the seal; the account's leaves. */
  async function provenTerm(term, where, { name, expected, seals }) {
    const seq = member(term, 'seal', 'integer', where);
    allowOnly(term, ['sign', 'seal', 'balances'], where);
    const tree = seals.get(seq);
    if (!tree) refuse('proofs.noSeal', { where, seq });
    const balances = member(term, 'balances', 'object', where);
    allowOnly(balances, ['account', 'leaves'], where + '.balances');
    const account = member(balances, 'account', 'string', where + '.balances');
    const leaves = member(balances, 'leaves', 'array', where + '.balances').map((leaf, index) => provenLeaf(leaf, where + '.balances.leaves[' + index + ']'));
    if (term.sign !== expected.sign || account !== expected.account || tree.asOf !== expected.asOf) {
      refuse(expected.sign < 0 ? 'proofs.termLess' : 'proofs.termPlus', { where, name, account: expected.account, asOf: expected.asOf });
    }
    return { tree, leaves: await checkRun(leaves, account, tree) };
  }
  /** A run of adjacent leaves holds every balance of `account` and its sub-accounts when it
   *  reaches past their range at both ends (or to the tree's ends), as vtf's ScopeProof.check. */
  async function checkRun(leaves, account, tree) {
    const what = say('run.what', { account, seq: tree.seq });
    if (leaves.length === 0) {
      if (tree.leaves !== 0) refuse('run.empty', { what, leaves: tree.leaves });
      return [];
    }
    const [first, last] = [leaves[0], leaves[leaves.length - 1]];
    for (const [offset, proven] of leaves.entries()) {
      if (proven.index !== first.index + offset) refuse('run.gap', { what, index: proven.index, previous: first.index + offset - 1 });
      await checkLeafInSeal(proven, tree, say('role.runLeaf', { what }));
    }
    if (first.index !== 0 && byteOrder(first.leaf.account, account) >= 0) refuse('run.start', { what, account: first.leaf.account });
    if (last.index + 1 !== tree.leaves && byteOrder(last.leaf.account, account + '/') < 0) refuse('run.end', { what, account: last.leaf.account });
    return leaves.map((proven) => proven.leaf).filter((leaf) => leaf.account === account || leaf.account.startsWith(account + '.'));
  }
  /** The sum of the terms' leaves in the figure's measure: values, or amounts in its currency only. */
  function figureSum(definition, terms) {
    let total = { units: 0n, scale: 0 };
    for (const [index, leaves] of terms.entries()) {
      for (const leaf of leaves) {
        if (definition.measure === 'amount' && leaf.currency !== definition.currency) continue;
        const part = decimal(definition.measure === 'value' ? leaf.value : leaf.amount);
        total = addDecimals(total, definition.terms[index].sign < 0 ? { ...part, units: -part.units } : part);
      }
    }
    return total;
  }
  /** The figure's amount is the sum, and so is the statement's figure; the amount's text. */
  function checkSum(item, where, definition, sum, statement) {
    const name = definition.figure;
    const amount = member(item, 'amount', 'string', where);
    const stated = statedFigure(name, statement);
    const written = decimalText(atScale(sum, Math.max(sum.scale, decimal(stated) ? decimal(stated).scale : 0)));
    const money = (text) => figure(text) + ' ' + definition.currency;
    if (amount !== written) refuse('proofs.sum', { where, name, sum: money(written), amount: money(amount) });
    if (!decimal(stated) || !sameDecimal(decimal(stated), sum)) {
      refuse('proofs.stated', { name, stated: stated === null ? say('proofs.nothing') : money(stated), sum: money(written) });
    }
    return written;
  }
  /** proofs.not_proven: each a figure of the statement not also proven; every figure is one or the other. */
  function notProvenFigures(read, proven) {
    const notProven = new Map();
    for (const [index, item] of read.proofs.not_proven.entries()) {
      const where = 'proofs.not_proven[' + index + ']';
      const name = member(item, 'figure', 'string', where);
      allowOnly(item, ['figure', 'why'], where);
      if (!read.names.includes(name) || proven.includes(name)) refuse('proofs.notListed', { where, name });
      notProven.set(name, member(item, 'why', 'string', where));
    }
    const missing = read.names.find((name) => !proven.includes(name) && !notProven.has(name));
    if (missing !== undefined) refuse('proofs.missing', { name: missing });
    return notProven;
  }

  // ---- A C2SP tlog-proof (vtf prove inclusion --format tlog-proof): the entry is its extra data ----
  /** The proof's parts, read as vtf's TLogProof reads them; a refusal names the line that is wrong. */
  function readTLogProof(text) {
    if (utf8(text).length > TLOG_MAX_BYTES) refuse('tlog.tooLarge', { max: TLOG_MAX_BYTES });
    const split = text.indexOf('\n\n');
    if (split < 0) refuse('tlog.noSplit');
    const head = text.slice(0, split).split('\n');
    if (head[0] !== TLOG_HEADER) refuse('tlog.header', { header: TLOG_HEADER });
    let at = 1, extra = null;
    if (at < head.length && head[at].startsWith('extra ')) {
      extra = base64Bytes(head[at].slice(6));
      if (!extra) refuse('tlog.extra');
      at += 1;
    }
    const index = /^index (0|[1-9][0-9]*)$/.exec(head[at] || '');
    if (!index || BigInt(index[1]) >= 2n ** 64n) refuse('tlog.index');
    const path = head.slice(at + 1).map((line, offset) => {
      const bytes = base64Bytes(line);
      if (!bytes || bytes.length !== 32 || btoa(String.fromCharCode(...bytes)) !== line) refuse('tlog.hash', { n: offset + 1 });
      return bytes;
    });
    if (path.length > TLOG_PATH_MAX) refuse('tlog.tooLong', { n: path.length, max: TLOG_PATH_MAX });
    return { extra, index: Number(index[1]), path, note: text.slice(split + 2) };
  }
  async function checkTLogProof(text, run) {
    const fund = await run.step('check.key', () => fundKey(run));
    const proof = await run.step('check.tlogForm', () => readTLogProof(text));
    const note = await run.step('check.checkpointOnly', () => checkpoint(proof.note, fund, undefined));
    await checkWitnesses(note, run);
    const where = say('what.extra');
    const entry = await run.step('check.tlogEntry', async () => {
      if (!proof.extra) refuse('tlog.noExtra');
      let line;
      try { line = new TextDecoder('utf-8', { fatal: true }).decode(proof.extra); } catch (error) { refuse('entry.notJSON', { where }); }
      const parsed = readEntry(line, where);
      if (parsed.seq !== proof.index) refuse('tlog.seq', { seq: plain(parsed.seq), index: proof.index });
      if (parsed.ledger !== note.origin) refuse('tlog.ledger', { ledger: plain(parsed.ledger), origin: note.origin });
      return { parsed, leaf: await sha256(concat(Uint8Array.of(0), entryBytes(line, where))) };
    });
    await run.step('check.inclusion', async () => {
      const root = Number.isSafeInteger(proof.index) ? await rootFromProof(proof.index, note.size, entry.leaf, proof.path) : null;
      if (!root || !equalBytes(root, note.root)) refuse('tlog.notIncluded');
    });
    run.accepted = say('accepted.entry', { seq: proof.index, origin: fund.name, size: note.size });
    run.audits = run.witnessesChecked.length > 0 ? say('audits.checked', { names: run.witnessesChecked.join(', ') }) : '';
    run.entry = entry.parsed;
    run.note = note;
  }

  // ---- Input: files, a drop, or pasted text; split into pieces and told apart ----
  /** The JSON objects in `text` and what is left (a checkpoint note), each JSON kept as given. */
  function splitPieces(text) {
    const trimmed = text.trim();
    if (trimmed === '') return [];
    const start = text.length - text.trimStart().length;
    if (text.startsWith(TLOG_HEADER, start)) return [{ raw: text.slice(start), tlog: text.slice(start) }];
    try { return [{ raw: trimmed, json: JSON.parse(trimmed) }]; } catch (error) { /* several pieces, or none */ }
    const pieces = [];
    let rest = '', at = 0;
    while (at < text.length && pieces.length <= PIECES_MAX) {
      if (text[at] !== '{') { rest += text[at]; at += 1; continue; }
      const end = closingBrace(text, at);
      const raw = text.slice(at, end);
      let json;
      try { json = JSON.parse(raw); } catch (error) { return [{ raw, error: error.message }]; }
      pieces.push({ raw, json });
      at = end;
    }
    const note = rest.replace(/\r\n/g, '\n').replace(/^\s*\n/, '').replace(/\n*$/, '\n');
    if (note.trim() !== '') pieces.push({ raw: note, note });
    return pieces;
  }
  /** Where the object opened at `start` ends (just after its brace), strings skipped; the
   *  text's end when it never does. */
  function closingBrace(text, start) {
    let depth = 0, inString = false;
    for (let at = start; at < text.length; at += 1) {
      const character = text[at];
      if (inString) {
        if (character === '\\') at += 1;
        else if (character === '"') inString = false;
      } else if (character === '"') inString = true;
      else if (character === '{') depth += 1;
      else if (character === '}' && (depth -= 1) === 0) return at + 1;
    }
    return text.length;
  }
  /** What the donor gave: a statement, a balance proof, a tlog-proof, or an entry with its
   *  proof and checkpoint. */
  function classify(pieces) {
    if (pieces.length === 0) refuse('input.empty');
    if (pieces.length > PIECES_MAX) refuse('input.tooMany');
    const tlog = pieces.find((piece) => piece.tlog !== undefined);
    if (tlog) {
      if (pieces.length > 1) refuse('input.oneProof');
      return { tlog: tlog.tlog };
    }
    const broken = pieces.find((piece) => piece.error !== undefined);
    if (broken) refuse('input.notJSON', { error: broken.error });
    const formatted = pieces.find((piece) => isObject(piece.json) && has(piece.json, 'format'));
    if (formatted && formatted.json.format === BALANCE_FORMAT) {
      if (pieces.length > 1) refuse('input.oneProof');
      return { balance: formatted.json };
    }
    if (formatted) {
      if (formatted.json.format !== 'vtf-donor-statement/1') refuse('statement.format');
      if (pieces.length > 1) refuse('input.oneStatement');
      return { statement: formatted.json };
    }
    const proof = pieces.find((piece) => isObject(piece.json) && has(piece.json, 'leaf_index'));
    const line = pieces.find((piece) => isObject(piece.json) && has(piece.json, 'sig'));
    const note = pieces.find((piece) => piece.note !== undefined);
    const checkpointAlone = !proof && !line && note && /\n\n\u2014 /.test(note.note);
    if (!proof && !line && !checkpointAlone) {
      refuse(pieces.some((piece) => piece.json !== undefined) ? 'input.unknown' : 'input.notJSON', { error: say('input.noObject') });
    }
    const missing = [[proof, 'what.proof'], [line, 'what.entry'], [note, 'what.checkpoint']].filter(([piece]) => !piece).map(([, key]) => say(key));
    if (missing.length > 0) refuse('input.missing', { missing: missing.join(', ') });
    return { proof: proof.json, line: line.raw.replace(/[\r\n]+$/, ''), note: note.note };
  }

  // ---- Running the checks, and showing them ----
  class Run {
    constructor(vkey, witnesses) {
      this.vkey = vkey; this.witnesses = witnesses; this.witnessesChecked = [];
      this.checks = []; this.checked = []; this.accepted = null; this.audits = ''; this.reason = null;
    }
    /** Runs one check: on success it is listed ✓; a refusal lists it ✗ and stops the run. */
    async step(key, body, values) {
      const label = say(key, values);
      try {
        const result = await body();
        this.checks.push({ ok: true, label });
        return result;
      } catch (error) {
        this.checks.push({ ok: false, label });
        throw error;
      }
    }
  }
  async function verify(read) {
    const run = new Run($('vkey').value, $('witnesses').value.split('\n').map((line) => line.trim()).filter((line) => line !== ''));
    try {
      const given = await run.step('check.input', async () => classify(await read()));
      if (given.statement) await checkStatement(given.statement, run);
      else if (given.balance) await checkBalanceProof(given.balance, run);
      else if (given.tlog !== undefined) await checkTLogProof(given.tlog, run);
      else await checkEntryProof(given, run);
    } catch (error) {
      run.reason = error instanceof Refusal ? error.message : say('input.unreadable', { error: String(error && error.message || error) });
    }
    return run;
  }
  function element(tag, text, className) {
    const made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    if (className) made.className = className;
    return made;
  }
  function show(run) {
    const accepted = run.reason === null;
    const result = $('result');
    result.dataset.state = accepted ? 'accepted' : 'rejected';
    result.textContent = accepted ? '\u2713 ' + say('result.accepted') : '\u2717 ' + say('result.rejected');
    $('reason').textContent = accepted ? run.accepted + (run.audits ? ' ' + run.audits : '') : run.reason;
    const checks = $('checks');
    checks.replaceChildren(...run.checks.map((check) => {
      const item = element('li', undefined, check.ok ? 'ok' : 'failed');
      item.append(element('span', check.ok ? '\u2713 ' : '\u2717 ', 'mark'), element('span', say(check.ok ? 'check.passed' : 'check.failed'), 'hidden-text'), check.label);
      return item;
    }));
    $('checks-heading').hidden = run.checks.length === 0;
    showFigures(accepted ? run : null);
  }
  function table(id, headings, rows) {
    const target = $(id);
    const head = element('tr');
    head.append(...headings.map((heading) => element('th', heading)));
    const body = rows.map((cells) => {
      const row = element('tr');
      row.append(...cells.map((cell, index) => element(index === 0 ? 'th' : 'td', cell)));
      return row;
    });
    target.replaceChildren(element('thead'), element('tbody'));
    target.tHead.append(head);
    target.tBodies[0].append(...body);
  }
  function showFigures(run) {
    const root = $('checkpoint-root');
    root.hidden = !(run && run.note);
    if (run && run.note) root.textContent = say('checkpoint.root', { origin: run.note.origin, size: run.note.size, root: btoa(String.fromCharCode(...run.note.root)) });
    $('figures').hidden = !(run && run.statement);
    $('entry-figures').hidden = !(run && run.entry);
    $('balance-figures').hidden = !(run && run.balance);
    if (run && run.statement) showStatementFigures(run);
    if (run && run.entry) showEntry(run.entry);
    if (run && run.balance) showBalance(run.balance);
  }
  /** The seal and the leaves checked: the balance's, or the two around a zero balance. */
  function showBalance({ proof, tree, value }) {
    $('balance-summary').textContent = say('seal.summary', { seq: tree.seq, asOf: proof.asOf, leaves: tree.leaves, root: tree.root });
    const row = (label, side) => (side
      ? [label, String(side.index), side.leaf.account, side.leaf.currency, figure(side.leaf.amount), value(side.leaf)]
      : [label, say('none'), '', '', '', '']);
    const rows = proof.balance ? [row(say('leaf.balance'), proof.balance)]
      : [row(say('leaf.before'), proof.zero.before), row(say('leaf.after'), proof.zero.after)];
    table('balance-leaves', ['', say('col.index'), say('col.account'), say('col.currency'), say('col.amount'), say('col.postingValue')], rows);
  }
  function showStatementFigures(run) {
    const statement = run.statement;
    const fundCurrency = statement.fund.currency;
    table('checked-figures', ['', say('col.date'), say('col.reference'), say('col.amount'), say('col.rate'), say('col.value', { currency: fundCurrency }), say('col.bankRef')],
      run.checked.map(({ where, item }) => [where, item.date, item.reference, figure(item.amount) + ' ' + item.currency,
        item.rate === null ? say('none') : figure(item.rate) + (item.rate_from ? ' (' + item.rate_from + ')' : ''), figure(item.value), plain(item.bank_ref)]));
    $('checked-count').textContent = say('checked.count', { receipts: counted('count.receipts', statement.receipts.length), refunds: counted('count.refunds', statement.refunds.length),
      received: figure(statement.totals.received_value) + ' ' + fundCurrency, refunded: figure(statement.totals.refunded_value) + ' ' + fundCurrency });
    showProvenFigures(run);
  }
  const shownText = (value) => (typeof value === 'string' || typeof value === 'number' ? figure(String(value)) : say('none'));
  /** The statement's figures that proofs may prove, by vtf's name: what each is and what the statement says. */
  function statedFigures(statement) {
    const fundCurrency = statement.fund.currency;
    const rows = [];
    for (const owed of isObject(statement.totals) && Array.isArray(statement.totals.outstanding) ? statement.totals.outstanding.filter(isObject) : []) {
      rows.push({ name: 'totals.outstanding.' + plain(owed.currency), label: say('word.outstanding'), shown: shownText(owed.amount) + ' ' + plain(owed.currency) });
    }
    const use = isObject(statement.fund_use) ? statement.fund_use : {};
    for (const name of ['grants_committed', 'grants_paid', 'grants_paid_count', 'grants_spent', 'psc', 'fund_balance', 'reserve']) {
      rows.push({ name: 'fund_use.' + name, label: say('word.' + name), shown: shownText(use[name]) + (name === 'grants_paid_count' ? '' : ' ' + fundCurrency) });
    }
    return rows;
  }
  /** The figures proven by sealed balances, with the seals' dates; the others, with why not. */
  function showProvenFigures(run) {
    const figures = statedFigures(run.statement);
    const named = (row) => row.label + ' (' + row.name + ')';
    const sealed = (proven) => proven.seals.map((tree) => say('proven.seal', { asOf: tree.asOf, seq: tree.seq })).join(', ');
    const rows = run.figures.proven.map((proven) => {
      const row = figures.find((candidate) => candidate.name === proven.figure);
      return [row ? named(row) : proven.figure, figure(proven.amount) + ' ' + proven.currency, sealed(proven)];
    });
    table('proven-figures', [say('col.what'), say('col.shown'), say('col.sealed')], rows);
    $('proven').hidden = rows.length === 0;
    const unproven = figures.filter((row) => !run.figures.proven.some((proven) => proven.figure === row.name))
      .map((row) => [named(row), row.shown, run.figures.notProven.get(row.name) || say('none')]);
    table('unproven-figures', [say('col.what'), say('col.shown'), say('col.why')], wordRows(run.statement).map((row) => [...row, '']).concat(unproven));
  }
  /** What the statement says of the donor, the period, its agreements and pledges. */
  function wordRows(statement) {
    const rows = [];
    const donor = isObject(statement.donor) ? statement.donor : {};
    rows.push([say('word.donor'), [donor.id, donor.name].map(plain).join(' \u2014 ')]);
    rows.push([say('word.period'), plain(statement.from) + ' \u2013 ' + plain(statement.to) + ' (' + say('word.issued') + ' ' + plain(statement.issued) + ')']);
    for (const agreement of Array.isArray(statement.agreements) ? statement.agreements.filter(isObject) : []) {
      const inCurrency = (amount) => shownText(amount) + ' ' + plain(agreement.currency);
      rows.push([say('word.agreement', { ref: plain(agreement.ref) }), say('word.agreementFigures', { amount: inCurrency(agreement.amount),
        received: inCurrency(agreement.received), outstanding: inCurrency(agreement.outstanding) })]);
    }
    for (const pledge of Array.isArray(statement.pledges) ? statement.pledges.filter(isObject) : []) {
      rows.push([say('word.pledge', { ref: plain(pledge.ref) }), shownText(pledge.amount) + ' ' + plain(pledge.currency) + ' (' + plain(pledge.status) + ')']);
    }
    return rows;
  }
  function showEntry(entry) {
    $('entry-summary').textContent = say('entry.summary', { seq: plain(entry.seq), date: plain(entry.date), kind: plain(entry.kind), ref: plain(entry.ref) });
    table('entry-postings', [say('col.account'), say('col.amount'), say('col.postingValue')],
      postingsOf(entry).map((posting) => [plain(posting.account), figure(posting.amount) + ' ' + plain(posting.currency), figure(posting.value)]));
  }

  // ---- Wiring ----
  let lastRead = null;
  async function start(read) {
    lastRead = read;
    const result = $('result');
    result.dataset.state = 'checking';
    result.textContent = say('result.checking');
    $('reason').textContent = '';
    const run = await verify(read);
    try { show(run); } catch (error) {
      // The figures could not be laid out (a bug): the verdict stands, the tables stay hidden.
      $('figures').hidden = true;
      $('entry-figures').hidden = true;
      $('balance-figures').hidden = true;
    }
  }
  function readFiles(files) {
    const list = Array.from(files || []);
    return async () => {
      if (list.length > PIECES_MAX) refuse('input.tooMany');
      const total = list.reduce((sum, file) => sum + file.size, 0);
      const large = list.find((file) => file.size > LIMIT_BYTES);
      if (large || total > LIMIT_BYTES) refuse('input.tooLarge', { name: (large || list[0]).name, size: ((large ? large.size : total) / 1048576).toFixed(1) });
      const pieces = [];
      for (const file of list) pieces.push(...splitPieces(await file.text()));
      return pieces;
    };
  }
  function readPasted() {
    const text = $('paste').value;
    return async () => {
      if (text.length > LIMIT_BYTES) refuse('input.tooLarge', { name: say('what.pasted'), size: (text.length / 1048576).toFixed(1) });
      return splitPieces(text);
    };
  }
  $('file').addEventListener('change', (event) => { if (event.target.files.length > 0) start(readFiles(event.target.files)); });
  $('paste').addEventListener('input', () => { lastRead = null; });
  $('check').addEventListener('click', () => start($('paste').value.trim() !== '' || !lastRead ? readPasted() : lastRead));
  $('paste').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); $('check').click(); }
  });
  $('vkey-reset').addEventListener('click', () => { $('vkey').value = page.dataset.vkey; });
  const drop = $('drop');
  for (const name of ['dragenter', 'dragover']) {
    drop.addEventListener(name, (event) => { event.preventDefault(); drop.classList.add('over'); });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    if (event.dataTransfer && event.dataTransfer.files.length > 0) start(readFiles(event.dataTransfer.files));
  });
  // A file dropped beside the zone would make the browser leave the page: never.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());
  page.dataset.ready = 'yes';
  window.vtfVerify = { canonical, splitPieces };
})();
"""#
}
