/**
 * A strict RFC 4180 reader for tests: records end in CRLF (the last one too), a field is either
 * bare or wholly quoted with quotes doubled inside. Anything else throws, so a writer that emits
 * a bare LF or a stray quote fails the test instead of being read leniently.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`CSV: ${what} at offset ${i}`);
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          field += '"';
          i += 2;
        } else {
          field += text[i++];
        }
      }
      i++;
    } else {
      while (i < text.length && !',\r\n'.includes(text[i]!)) {
        if (text[i] === '"') fail('quote inside a bare field');
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i++;
    } else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else {
      fail(i === text.length ? 'last record without CRLF' : 'expected a comma or CRLF');
    }
  }
  return records;
}
