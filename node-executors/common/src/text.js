// Text rules shared with C# (BenchApp.Contracts) so every language accepts and rejects the same strings.

// .NET char.IsWhiteSpace: the separators (Zs, Zl, Zp), U+0009-U+000D and U+0085. JavaScript's trim()
// also removes U+FEFF and keeps U+0085, so it cannot be used where the contract follows C#.
const DOTNET_WHITESPACE = /^[\p{Zs}\p{Zl}\p{Zp}\t\n\v\f\r\u0085]$/u;

export const isDotnetWhitespace = (c) => DOTNET_WHITESPACE.test(c);

/** string.Trim() of .NET, over UTF-16 code units. */
export function dotnetTrim(s) {
  let start = 0;
  let end = s.length;
  while (start < end && isDotnetWhitespace(s[start])) start++;
  while (end > start && isDotnetWhitespace(s[end - 1])) end--;
  return s.slice(start, end);
}

/** string.IsNullOrWhiteSpace of .NET (true for ""). */
export function isBlank(s) {
  for (let i = 0; i < s.length; i++) if (!isDotnetWhitespace(s[i])) return false;
  return true;
}

/** UTF-8 byte count; a lone surrogate counts 3 bytes (it becomes U+FFFD), like .NET's GetByteCount. */
export const utf8Length = (s) => Buffer.byteLength(s, "utf8");

export const isControl = (code) => code <= 0x1f || (code >= 0x7f && code <= 0x9f);
