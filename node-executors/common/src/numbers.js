// How tools print numbers, identically in C#, Python and JavaScript (BenchApp.Contracts ToolNumberFormat): the
// shortest round-trip decimal form of the double, rounded to six decimals with midpoints away from zero, trailing
// zeros dropped, never "-0". Magnitudes from 1e15 up are refused.
export const MAX_MAGNITUDE = 1e15;
const DECIMALS = 6;

/** The text, or null when the value is not finite or |value| >= 1e15. */
export function formatNumber(value) {
  if (!Number.isFinite(value) || Math.abs(value) >= MAX_MAGNITUDE) return null;
  // String(x) is the shortest round-trip form (ECMA-262 Number::toString), as C# "R" and Python repr, but it
  // switches to exponent notation below 1e-6, so work on its digits and decimal exponent instead.
  let text = String(value);
  const negative = text.startsWith("-");
  if (negative) text = text.slice(1);
  const [mantissa, exponent = "0"] = text.split("e");
  const [whole, fraction = ""] = mantissa.split(".");
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += "0".repeat(point - digits.length);

  let integerPart = digits.slice(0, point);
  let fractionPart = digits.slice(point);
  if (fractionPart.length > DECIMALS) {
    const roundUp = fractionPart[DECIMALS] >= "5"; // on the magnitude: half away from zero
    fractionPart = fractionPart.slice(0, DECIMALS);
    if (roundUp) {
      const scaled = (BigInt(integerPart + fractionPart) + 1n).toString().padStart(DECIMALS + 1, "0");
      integerPart = scaled.slice(0, scaled.length - DECIMALS);
      fractionPart = scaled.slice(scaled.length - DECIMALS);
    }
  }
  integerPart = integerPart.replace(/^0+(?=\d)/, "");
  fractionPart = fractionPart.replace(/0+$/, "");
  const magnitude = fractionPart ? `${integerPart}.${fractionPart}` : integerPart;
  return negative && /[1-9]/.test(magnitude) ? `-${magnitude}` : magnitude;
}
