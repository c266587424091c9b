//! The punctuation pass: split one block at its sentence ends.
//!
//! One forward pass over the bytes of the block. Only a few bytes need a
//! decision (terminators, brackets, quotes, and the lead bytes of the
//! non-ASCII characters that matter); everything else is skipped with a
//! table look-up, which is what makes the segmenter fast.
//!
//! Quotations and parentheses are tracked on a stack. A split found inside a
//! span is kept only until the span closes: when it does, the splits made
//! since it opened are dropped, so a quotation of several sentences stays
//! with its attribution. A span that never closes inside the block (a
//! stray quote, or a news quotation continued in the next paragraph) keeps
//! its splits.

use std::ops::Range;

use super::Language;
use super::lines::{Block, trim_range};
use super::text::{
    EnumKind, EnumStyle, char_at, char_before, enumerator_at, is_ascii_ws, is_bullet,
    is_caseless_terminal, is_closer, is_fullwidth_terminal, is_ws_char, list_marker_len,
    opening_punct,
};
use super::words::{
    Abbrev, classify, follows_clock_time, is_dotted_abbreviation, is_generic_title,
    is_sentence_starter, is_time_preposition,
};

/// Bytes the scanner stops at: ASCII punctuation that matters, and the lead
/// bytes of the UTF-8 sequences for quotes, bullets and non-Latin
/// terminators. Lead bytes of plain letters (Latin-1, Greek, Cyrillic, CJK
/// ideographs) are not in it, so such text is skipped as fast as ASCII.
const INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    let ascii = b".?!()[]\"";
    let mut i = 0;
    while i < ascii.len() {
        t[ascii[i] as usize] = true;
        i += 1;
    }
    // « » (C2), ։ (D6), ؟ (D8), ۔ (DB), । ॥ (E0), ። ។ ။ (E1),
    // quotes, bullets, … ‼ (E2), CJK punctuation (E3), full-width (EF).
    let lead = [0xC2u8, 0xD6, 0xD8, 0xDB, 0xE0, 0xE1, 0xE2, 0xE3, 0xEF];
    let mut j = 0;
    while j < lead.len() {
        t[lead[j] as usize] = true;
        j += 1;
    }
    t
};

/// Deepest span nesting tracked; deeper openers are ignored, which only
/// means splits inside them are kept.
const MAX_DEPTH: usize = 64;

/// An open quotation or bracket.
#[derive(Debug, Clone, Copy)]
struct Open {
    opener: char,
    /// Number of splits recorded before it opened.
    splits_before: usize,
}

/// Reusable state for scanning blocks.
#[derive(Debug)]
pub(crate) struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    english: bool,
    /// Split offsets found so far in the current block, ascending.
    splits: Vec<usize>,
    /// Open spans, innermost last.
    stack: Vec<Open>,
    /// Inline list markers of the current block: (split offset, marker end).
    list: Vec<(usize, usize)>,
    list_idx: usize,
    block: Block,
    /// Periods before this offset belong to a list marker at a statement
    /// start ("2. The second item") and are not terminators.
    skip_until: usize,
}

impl<'t> Scanner<'t> {
    pub(crate) fn new(text: &'t str, language: Language) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            english: language == Language::English,
            splits: Vec::new(),
            stack: Vec::new(),
            list: Vec::new(),
            list_idx: 0,
            block: Block {
                start: 0,
                end: 0,
                wrapped: false,
            },
            skip_until: 0,
        }
    }

    /// Splits `block` and appends its trimmed statements to `out`.
    pub(crate) fn scan(&mut self, block: Block, out: &mut Vec<Range<usize>>) {
        self.block = block;
        self.splits.clear();
        self.stack.clear();
        self.list.clear();
        self.list_idx = 0;
        self.skip_until = block.start + list_marker_len(self.text, block.start, block.end, true);
        self.find_inline_list();

        let end = block.end;
        let mut i = block.start;
        while i < end {
            let Some(rel) = self
                .bytes
                .get(i..end)
                .and_then(|s| s.iter().position(|&b| INTERESTING[usize::from(b)]))
            else {
                break;
            };
            let p = i + rel;
            // Every handler returns an offset past `p`, so the loop ends.
            i = self.handle(p).max(p + 1);
        }
        self.emit(out);
    }

    fn byte(&self, i: usize) -> Option<u8> {
        if i < self.block.end {
            self.bytes.get(i).copied()
        } else {
            None
        }
    }

    fn handle(&mut self, p: usize) -> usize {
        match self.byte(p) {
            Some(b'.') => self.period(p),
            Some(b'?' | b'!') => self.question(p),
            Some(b'(') => {
                self.open('(');
                p + 1
            }
            Some(b'[') => {
                self.open('[');
                p + 1
            }
            Some(b')') => {
                self.close(')');
                p + 1
            }
            Some(b']') => {
                self.close(']');
                p + 1
            }
            Some(b'"') => {
                self.straight_quote(p);
                p + 1
            }
            _ => self.non_ascii(p),
        }
    }

    fn non_ascii(&mut self, p: usize) -> usize {
        let Some(c) = char_at(self.text, p) else {
            return p + 1;
        };
        let next = p + c.len_utf8();
        match c {
            '…' => self.ellipsis_char(p),
            '‼' | '⁇' | '⁈' | '⁉' => self.question(p),
            c if is_fullwidth_terminal(c) || is_caseless_terminal(c) => self.strong_terminal(p),
            '“' => {
                // In German „…“ the left double quote closes.
                if self.innermost_quote() == Some('„') {
                    self.close('“');
                } else {
                    self.open('“');
                }
                next
            }
            '’' => {
                // Only a right quote followed by a non-letter can close; with a
                // letter after it, it is an apostrophe ("didn’t").
                if !char_at(self.text, next).is_some_and(char::is_alphabetic) {
                    self.close('’');
                }
                next
            }
            c if is_bullet(c) => {
                if p > self.block.start && char_before(self.text, p).is_some_and(is_ws_char) {
                    self.push_split(p);
                }
                next
            }
            c if opening_punct(c) => {
                self.open(c);
                next
            }
            c if is_closer(c) => {
                self.close(c);
                next
            }
            _ => next,
        }
    }

    // ----- spans -------------------------------------------------------

    fn open(&mut self, opener: char) {
        if self.stack.len() < MAX_DEPTH {
            self.stack.push(Open {
                opener,
                splits_before: self.splits.len(),
            });
        }
    }

    fn innermost_quote(&self) -> Option<char> {
        self.stack
            .iter()
            .rev()
            .map(|o| o.opener)
            .find(|&o| matches!(o, '"' | '“' | '„' | '«' | '‘' | '「' | '『'))
    }

    /// Closes the innermost span `closer` matches and drops the splits made
    /// inside it. A closer with no matching opener is ignored ("1)" list
    /// markers, smileys).
    fn close(&mut self, closer: char) {
        let matches = |opener: char| match closer {
            ')' => opener == '(',
            ']' => opener == '[',
            '"' => opener == '"',
            '”' => matches!(opener, '“' | '„'),
            '“' => opener == '„',
            '’' => opener == '‘',
            '»' => opener == '«',
            '›' => opener == '‹',
            '」' => opener == '「',
            '』' => opener == '『',
            '）' => opener == '（',
            '】' => opener == '【',
            '〕' => opener == '〔',
            '》' => opener == '《',
            '〉' => opener == '〈',
            _ => false,
        };
        if let Some(idx) = self.stack.iter().rposition(|o| matches(o.opener)) {
            if let Some(open) = self.stack.get(idx) {
                self.splits.truncate(open.splits_before);
            }
            self.stack.truncate(idx);
        }
    }

    /// A straight double quote opens or closes by what is around it, like
    /// Markdown's flanking rules: `"` after a space opens, `"` before a
    /// space or punctuation closes. An opener while a `"` is still open
    /// means that one was never closed; it is abandoned (its splits stay).
    fn straight_quote(&mut self, p: usize) {
        let prev = char_before(self.text, p).filter(|_| p > self.block.start);
        let next = char_at(self.text, p + 1).filter(|_| p + 1 < self.block.end);
        let left = next.is_some_and(|c| !is_ws_char(c))
            && prev.is_none_or(|c| {
                is_ws_char(c) || opening_punct(c) || matches!(c, '—' | '–' | '-' | ':' | '/')
            });
        let right = prev.is_some_and(|c| !is_ws_char(c))
            && next.is_none_or(|c| is_ws_char(c) || (!c.is_alphanumeric() && c != '"'));
        let open_at = self.stack.iter().rposition(|o| o.opener == '"');
        if right && open_at.is_some() {
            self.close('"');
        } else if left {
            if let Some(idx) = open_at {
                self.stack.truncate(idx);
            }
            self.open('"');
        }
    }

    /// Consumes closing quotes and brackets right after a terminator, closing
    /// their spans. Returns the offset after them.
    fn consume_closers(&mut self, mut k: usize) -> usize {
        while let Some(c) = char_at(self.text, k).filter(|_| k < self.block.end) {
            if c == '“' && self.innermost_quote() == Some('„') {
                self.close('“');
                k += c.len_utf8();
            } else if is_closer(c) {
                if c == '"' {
                    if self.stack.iter().any(|o| o.opener == '"') {
                        self.close('"');
                    }
                } else if c != '\'' {
                    self.close(c);
                }
                k += c.len_utf8();
            } else if matches!(c, ' ' | '\u{a0}' | '\u{202f}')
                && char_at(self.text, k + c.len_utf8()) == Some('»')
            {
                // French spacing: « Bonjour. »
                k += c.len_utf8();
            } else {
                break;
            }
        }
        k
    }

    // ----- splits ------------------------------------------------------

    fn push_split(&mut self, q: usize) {
        if q <= self.block.start || q >= self.block.end || self.splits.last() == Some(&q) {
            return;
        }
        self.splits.push(q);
        let n = self.next_non_ws(q).unwrap_or(q);
        let marker = list_marker_len(self.text, n, self.block.end, false);
        self.skip_until = self.skip_until.max(n + marker);
    }

    /// The first non-white-space offset at or after `k` inside the block,
    /// and whether a line break was crossed on the way.
    fn next_non_ws_nl(&self, mut k: usize) -> Option<(usize, bool)> {
        let mut newline = false;
        while k < self.block.end {
            let b = self.byte(k)?;
            if b < 0x80 {
                if !is_ascii_ws(b) {
                    return Some((k, newline));
                }
                newline |= matches!(b, b'\n' | b'\r' | 0x0B | 0x0C);
                k += 1;
            } else {
                let c = char_at(self.text, k)?;
                if !is_ws_char(c) {
                    return Some((k, newline));
                }
                newline |= matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}');
                k += c.len_utf8();
            }
        }
        None
    }

    fn next_non_ws(&self, k: usize) -> Option<usize> {
        self.next_non_ws_nl(k).map(|(n, _)| n)
    }

    /// After a terminator and its closers at `k`: the next character if
    /// white space separates it, with whether a line break was crossed.
    /// `None` at the block end or when no white space follows.
    fn after_space(&self, k: usize) -> Option<(usize, char, bool)> {
        let c = char_at(self.text, k).filter(|_| k < self.block.end)?;
        if !is_ws_char(c) {
            return None;
        }
        let (n, newline) = self.next_non_ws_nl(k)?;
        Some((n, char_at(self.text, n)?, newline))
    }

    fn in_list_marker(&mut self, p: usize) -> bool {
        while let Some(&(_, end)) = self.list.get(self.list_idx) {
            if end <= p {
                self.list_idx += 1;
            } else {
                break;
            }
        }
        self.list
            .get(self.list_idx)
            .is_some_and(|&(start, end)| start <= p && p < end)
    }

    fn period(&mut self, p: usize) -> usize {
        if p < self.skip_until || self.in_list_marker(p) {
            return p + 1;
        }
        // The run of periods: "...", ". . .", or one.
        let mut j = p;
        let mut dots = 0usize;
        let mut spaced = false;
        loop {
            match (self.byte(j), self.byte(j + 1)) {
                (Some(b'.'), _) => {
                    dots += 1;
                    j += 1;
                }
                // ". . ." only when the next period stands alone, so
                // "it. .NET" is a period and a word, not an ellipsis.
                (Some(b' '), Some(b'.'))
                    if dots > 0 && !self.byte(j + 2).is_some_and(|b| b.is_ascii_alphanumeric()) =>
                {
                    spaced = true;
                    j += 1;
                }
                _ => break,
            }
        }
        if dots == 1 {
            return self.single_period(p);
        }
        let attached =
            char_before(self.text, p).is_some_and(|c| !is_ws_char(c)) && p > self.block.start;
        if spaced && attached && dots >= 4 {
            // "compounds. . . . The practice": the sentence ends at the
            // first period; the next one opens with the ellipsis (rule 48).
            if let Some((_, c, _)) = self.after_space(j)
                && c.is_uppercase()
            {
                self.push_split(p + 1);
                return p + 1;
            }
        }
        let k = self.consume_closers(j);
        // Three spaced periods never end a sentence (rule 47); four do, as
        // do three or more unspaced ones, when a capital follows (45, 46).
        let may_end = !spaced || dots >= 4;
        if may_end
            && let Some((_, c, _)) = self.after_space(k)
            && c.is_uppercase()
        {
            self.push_split(k);
        }
        k
    }

    fn ellipsis_char(&mut self, p: usize) -> usize {
        let mut j = p;
        while let Some(c) =
            char_at(self.text, j).filter(|&c| (c == '…' || c == '.') && j < self.block.end)
        {
            j += c.len_utf8();
        }
        let k = self.consume_closers(j);
        if let Some((_, c, _)) = self.after_space(k)
            && c.is_uppercase()
        {
            self.push_split(k);
        }
        k
    }

    fn question(&mut self, p: usize) -> usize {
        let mut j = p;
        while let Some(c) = char_at(self.text, j)
            .filter(|&c| matches!(c, '?' | '!' | '‼' | '⁇' | '⁈' | '⁉') && j < self.block.end)
        {
            j += c.len_utf8();
        }
        let k = self.consume_closers(j);
        if let Some((_, c, _)) = self.after_space(k)
            && !c.is_lowercase()
        {
            self.push_split(k);
        }
        k
    }

    fn strong_terminal(&mut self, p: usize) -> usize {
        let mut j = p;
        let mut fullwidth = false;
        while let Some(c) = char_at(self.text, j).filter(|&c| {
            j < self.block.end
                && (is_fullwidth_terminal(c) || is_caseless_terminal(c) || c == '!' || c == '?')
        }) {
            fullwidth |= is_fullwidth_terminal(c);
            j += c.len_utf8();
        }
        let k = self.consume_closers(j);
        let next = self.next_non_ws(k).and_then(|n| char_at(self.text, n));
        if next.is_some_and(|c| fullwidth || !c.is_lowercase()) {
            self.push_split(k);
        }
        k
    }

    fn single_period(&mut self, p: usize) -> usize {
        let k = self.consume_closers(p + 1);
        match self.after_space(k) {
            None => {
                if self.english && k == p + 1 && self.glued_sentence(p) {
                    self.push_split(p + 1);
                }
            }
            Some((n, c, newline)) => {
                if c.is_lowercase() {
                    return k;
                }
                let split = if self.english {
                    self.english_period(p, n, c, newline)
                } else {
                    self.generic_period(p)
                };
                if split {
                    self.push_split(k);
                }
            }
        }
        k
    }

    /// The letters and inner periods right before the period at `p`
    /// ("U.S", "Mr", "N°"), leading periods dropped.
    fn word_before(&self, p: usize) -> &'t str {
        let text = self.text;
        let Some(before) = text.get(self.block.start..p) else {
            return "";
        };
        let mut start = before.len();
        for (count, (idx, c)) in before.char_indices().rev().enumerate() {
            if !(c.is_alphabetic() || matches!(c, '.' | '°' | 'º')) {
                break;
            }
            if count > 24 {
                return "";
            }
            start = idx;
        }
        before.get(start..).unwrap_or("").trim_start_matches('.')
    }

    /// The word starting at `n` (after any opening quotes), and whether a
    /// period follows it directly (an initial or abbreviation).
    fn word_after(&self, n: usize) -> (&'t str, bool) {
        let text = self.text;
        let Some(rest) = text.get(n..self.block.end) else {
            return ("", false);
        };
        let rest = rest.trim_start_matches(opening_punct);
        let len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let word = rest.get(..len).unwrap_or("");
        let dotted = rest.get(len..).is_some_and(|r| r.starts_with('.'));
        (word, dotted)
    }

    /// Whether the capitalised word at `n` opens a new sentence after an
    /// ambiguous abbreviation. Titles count when `titles_count` ("& Co. Mr.
    /// Smith said") but not after a country ("U.S. Rep. Jane Doe").
    fn starter_follows(&self, n: usize, titles_count: bool) -> bool {
        let (word, dotted) = self.word_after(n);
        if dotted {
            return titles_count && classify(word) == Abbrev::Title;
        }
        is_sentence_starter(word)
    }

    fn english_period(&self, p: usize, n: usize, c: char, newline: bool) -> bool {
        let digit = c.is_ascii_digit();
        // A line break right after the period, in text that is not
        // hard-wrapped, is a paragraph or item end.
        let evidence = newline && !self.block.wrapped;
        match classify(self.word_before(p)) {
            Abbrev::None => true,
            Abbrev::Title | Abbrev::Never => false,
            Abbrev::NumberPrefix => !digit,
            Abbrev::Initial => !digit && self.starter_follows(n, false),
            Abbrev::Month | Abbrev::MultiPeriod => {
                !digit && (evidence || self.starter_follows(n, false))
            }
            Abbrev::Ambiguous => !digit && (evidence || self.starter_follows(n, true)),
            Abbrev::ClockTime => {
                if digit {
                    false
                } else if evidence {
                    true
                } else {
                    let (word, _) = self.word_after(n);
                    !follows_clock_time(word) && !self.fronted_time_phrase(p)
                }
            }
        }
    }

    /// Outside English only letter case and four widespread habits guide
    /// the period: a single letter is an initial ("J. Smith"), a word with
    /// inner periods is an abbreviation ("z.B.", "U.S.A."), a title stands
    /// before a name ("Dr. Meyer", see `is_generic_title`), and a stand-alone
    /// number of one to three digits is an ordinal, as in German, the Nordic
    /// and most Slavic languages ("am 3. Oktober", "2. Bundesliga").
    fn generic_period(&self, p: usize) -> bool {
        let word = self.word_before(p);
        let mut chars = word.chars();
        let single = chars.next().is_some() && chars.next().is_none();
        !(single
            || is_dotted_abbreviation(word)
            || is_generic_title(word)
            || self.ordinal_before(p))
    }

    /// Whether 1–3 digits standing alone (after white space or at the block
    /// start) end right at `p`.
    fn ordinal_before(&self, p: usize) -> bool {
        let Some(before) = self.bytes.get(self.block.start..p) else {
            return false;
        };
        let digits = before
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let standalone = before
            .len()
            .checked_sub(digits + 1)
            .and_then(|i| before.get(i))
            .is_none_or(|&b| is_ascii_ws(b));
        (1..=3).contains(&digits) && standalone
    }

    /// "At 5 a.m. Mr. Smith went…": the statement so far is a short phrase
    /// opened by a time preposition, so the clock time does not end it.
    fn fronted_time_phrase(&self, p: usize) -> bool {
        let start = self.splits.last().copied().unwrap_or(self.block.start);
        let Some(so_far) = self.text.get(start..p) else {
            return false;
        };
        let mut words = so_far.split_whitespace();
        let first = words.next().unwrap_or("");
        is_time_preposition(first) && words.take(5).count() < 5
    }

    /// "Hello world.Today is Tuesday." (rule 52): a period glued between a
    /// lower-case letter or digit and a capitalised word ends a sentence,
    /// unless the token is an address, a path or an abbreviation.
    fn glued_sentence(&self, p: usize) -> bool {
        let (Some(prev), Some(next), Some(next2)) = (
            p.checked_sub(1).and_then(|i| self.bytes.get(i)),
            self.byte(p + 1),
            self.byte(p + 2),
        ) else {
            return false;
        };
        if !(prev.is_ascii_lowercase() || prev.is_ascii_digit())
            || !next.is_ascii_uppercase()
            || !next2.is_ascii_lowercase()
        {
            return false;
        }
        // Look at most MAX_TOKEN bytes each way, so a long run without
        // white space costs linear time, not quadratic; a token that long is
        // not prose anyway.
        const MAX_TOKEN: usize = 120;
        let lo = p.saturating_sub(MAX_TOKEN).max(self.block.start);
        let hi = (p + MAX_TOKEN).min(self.block.end);
        let (Some(left), Some(right)) = (self.bytes.get(lo..p), self.bytes.get(p..hi)) else {
            return false;
        };
        let left = match left.iter().rposition(|&x| is_ascii_ws(x)) {
            Some(i) => left.get(i + 1..).unwrap_or_default(),
            None if lo > self.block.start => return false,
            None => left,
        };
        let right = match right.iter().position(|&x| is_ascii_ws(x)) {
            Some(i) => right.get(..i).unwrap_or_default(),
            None if hi < self.block.end => return false,
            None => right,
        };
        let odd = |b: &u8| matches!(b, b'@' | b'/' | b':' | b'\\' | b'_' | b'=' | b'#');
        if left.iter().any(odd) || right.iter().any(odd) {
            return false;
        }
        let word = self.word_before(p);
        !word.contains('.') && classify(word) == Abbrev::None
    }

    // ----- lists -------------------------------------------------------

    /// A block that opens with an enumerator ("1.) The first item 2.) The
    /// second item") is an inline list: find the following enumerators of
    /// the same style, each one more than the last, and split before each.
    fn find_inline_list(&mut self) {
        let text = self.text;
        let (start, end) = (self.block.start, self.block.end);
        let mut q = start;
        if let Some(c) = char_at(text, q).filter(|&c| is_bullet(c)) {
            q += c.len_utf8();
            while matches!(self.byte(q), Some(b' ' | b'\t')) {
                q += 1;
            }
        }
        let Some(first) = enumerator_at(self.bytes, q, end) else {
            return;
        };
        let letters_ok = match first.kind {
            EnumKind::Number | EnumKind::Lower => true,
            EnumKind::Upper => matches!(
                first.style,
                EnumStyle::Paren | EnumStyle::DotParen | EnumStyle::Parens
            ),
            EnumKind::Roman => false,
        };
        if !letters_ok {
            return;
        }
        let mut value = first.value;
        let mut from = q + first.len;
        // Bounded: each round either stops or moves `from` forward.
        while from < end {
            value += 1;
            let mut buf = [0u8; 8];
            let Some(marker) = render_enumerator(&mut buf, first.kind, first.style, value) else {
                return;
            };
            let Some(hay) = text.get(from..end) else {
                return;
            };
            let mut found = None;
            for (rel, _) in hay.match_indices(marker) {
                let m = from + rel;
                let after_ok = self.byte(m + marker.len()).is_some_and(is_ascii_ws);
                let before = char_before(text, m);
                let split_at = match before {
                    Some(c) if is_bullet(c) => Some(m - c.len_utf8()),
                    Some(c) if is_ws_char(c) => {
                        let trimmed = text.get(start..m).map(str::trim_end);
                        match trimmed.and_then(|t| t.chars().next_back()) {
                            Some(b) if is_bullet(b) => {
                                trimmed.map(|t| start + t.len() - b.len_utf8())
                            }
                            _ => Some(m),
                        }
                    }
                    _ => None,
                };
                if let (true, Some(at)) = (after_ok, split_at) {
                    found = Some((at, m + marker.len()));
                    break;
                }
            }
            let Some((at, marker_end)) = found else {
                return;
            };
            self.list.push((at, marker_end));
            from = marker_end;
        }
    }

    // ----- output ------------------------------------------------------

    fn emit(&mut self, out: &mut Vec<Range<usize>>) {
        let (start, end) = (self.block.start, self.block.end);
        let mut prev = start;
        let mut a = self.splits.iter().copied().peekable();
        let mut b = self.list.iter().map(|&(at, _)| at).peekable();
        loop {
            let q = match (a.peek().copied(), b.peek().copied()) {
                (Some(x), Some(y)) if x <= y => a.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, Some(_)) => b.next(),
                (None, None) => None,
            };
            let Some(q) = q else { break };
            if q <= prev || q >= end || !self.text.is_char_boundary(q) {
                continue;
            }
            if let Some((s, e)) = trim_range(self.text, prev, q) {
                out.push(s..e);
            }
            prev = q;
        }
        if let Some((s, e)) = trim_range(self.text, prev, end) {
            out.push(s..e);
        }
    }
}

/// Writes the enumerator `value` in `kind`/`style` into `buf`.
fn render_enumerator(
    buf: &mut [u8; 8],
    kind: EnumKind,
    style: EnumStyle,
    value: u32,
) -> Option<&str> {
    let mut len = 0;
    let mut put = |b: u8, len: &mut usize| {
        if let Some(slot) = buf.get_mut(*len) {
            *slot = b;
            *len += 1;
        }
    };
    if style == EnumStyle::Parens {
        put(b'(', &mut len);
    }
    match kind {
        EnumKind::Number => {
            if value > 999 {
                return None;
            }
            let digits = [value / 100, (value / 10) % 10, value % 10];
            let skip = if value >= 100 {
                0
            } else if value >= 10 {
                1
            } else {
                2
            };
            for d in digits.iter().skip(skip) {
                put(b'0' + u8::try_from(*d).ok()?, &mut len);
            }
        }
        EnumKind::Lower | EnumKind::Upper => {
            let b = u8::try_from(value).ok().filter(u8::is_ascii_alphabetic)?;
            if (kind == EnumKind::Lower) != b.is_ascii_lowercase() {
                return None;
            }
            put(b, &mut len);
        }
        EnumKind::Roman => return None,
    }
    match style {
        EnumStyle::Dot => put(b'.', &mut len),
        EnumStyle::Paren | EnumStyle::Parens => put(b')', &mut len),
        EnumStyle::DotParen => {
            put(b'.', &mut len);
            put(b')', &mut len);
        }
    }
    std::str::from_utf8(buf.get(..len)?).ok()
}
