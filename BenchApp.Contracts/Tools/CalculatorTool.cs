using System.Globalization;
using System.Text.Json;

namespace BenchApp.Contracts.Tools;

/// <summary>
/// <c>calculator(expression)</c>: + - * / %, unary signs, parentheses, decimal numbers.
/// A small recursive-descent parser, so the result is the same in every language (no eval).
/// </summary>
public static class CalculatorTool
{
    public const string Name = "calculator";

    public static ToolResult Run(JsonElement args)
    {
        if (!BenchTools.TryGetString(args, "expression", 200, out var expression, out var error)) return error!;
        return Evaluate(expression);
    }

    public static ToolResult Evaluate(string expression)
    {
        var parser = new Parser(expression);
        try
        {
            var value = parser.ParseAll();
            return ToolNumberFormat.TryFormat(value, out var text)
                ? ToolResult.Ok(text)
                : ToolResult.Error("result is out of range (magnitude 1e15 or more)");
        }
        catch (CalculatorException e)
        {
            return ToolResult.Error(e.Message);
        }
    }

    private sealed class CalculatorException(string message) : Exception(message);

    private ref struct Parser(string text)
    {
        private readonly string _text = text;
        private int _pos;
        private int _depth;

        public double ParseAll()
        {
            var value = Expression();
            SkipSpace();
            if (_pos < _text.Length) throw Unexpected();
            return value;
        }

        private double Expression()
        {
            var value = Term();
            while (true)
            {
                SkipSpace();
                if (Eat('+')) value += Term();
                else if (Eat('-')) value -= Term();
                else return value;
            }
        }

        private double Term()
        {
            var value = Factor();
            while (true)
            {
                SkipSpace();
                if (Eat('*')) value *= Factor();
                else if (Eat('/'))
                {
                    var divisor = Factor();
                    if (divisor == 0) throw new CalculatorException("division by zero");
                    value /= divisor;
                }
                else if (Eat('%'))
                {
                    var divisor = Factor();
                    if (divisor == 0) throw new CalculatorException("division by zero");
                    // Sign of the dividend (C#'s %, Python's math.fmod), not of the divisor.
                    value %= divisor;
                }
                else return value;
            }
        }

        private double Factor()
        {
            SkipSpace();
            if (Eat('-')) return -Factor();
            if (Eat('+')) return Factor();
            if (Eat('('))
            {
                if (++_depth > 32) throw new CalculatorException("expression is nested too deeply");
                var value = Expression();
                SkipSpace();
                if (!Eat(')')) throw Unexpected();
                _depth--;
                return value;
            }
            return Number();
        }

        private double Number()
        {
            var start = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
            if (_pos < _text.Length && _text[_pos] == '.')
            {
                _pos++;
                var fractionStart = _pos;
                while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
                if (_pos == fractionStart) throw Unexpected();
            }
            if (_pos == start) throw Unexpected();
            return double.Parse(_text.AsSpan(start, _pos - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }

        private void SkipSpace()
        {
            while (_pos < _text.Length && _text[_pos] == ' ') _pos++;
        }

        private bool Eat(char c)
        {
            if (_pos < _text.Length && _text[_pos] == c)
            {
                _pos++;
                return true;
            }
            return false;
        }

        private readonly CalculatorException Unexpected() => _pos < _text.Length
            ? new CalculatorException($"unexpected '{_text[_pos]}' at position {_pos}")
            : new CalculatorException("unexpected end of expression");
    }
}
