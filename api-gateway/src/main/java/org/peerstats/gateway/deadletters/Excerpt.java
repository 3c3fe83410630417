package org.peerstats.gateway.deadletters;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A short, printable excerpt of bytes or text someone else wrote, for a terminal: at most a given
 * number of characters, then {@code …}; every character that could move the cursor, clear the
 * screen, reorder the line or break it (control characters, Unicode format and separator
 * characters, lone surrogates) written as an escape instead ({@code \n}, {@code \t},
 * {@code \u001B}); bytes that are not UTF-8 shown as {@code U+FFFD} and said so. A dead letter is
 * a producer's record, possibly the very one that broke the rules, and its value can be 1 MB:
 * printed whole it could flood or take over the operator's terminal.
 */
public final class Excerpt {

    /** How much of a value {@code dead-letters list} shows. */
    public static final int VALUE_CHARS = 160;
    /** How much of a key or a reason it shows. */
    public static final int LINE_CHARS = 500;
    /** UTF-8 takes at most 4 bytes a code point: this many bytes a character is enough to fill an excerpt. */
    private static final int BYTES_PER_CHAR = 4;

    private Excerpt() {
    }

    /**
     * {@code {"op":"upsert",…} (213 bytes)}: the first {@code maxChars} characters of the value
     * read as UTF-8, escaped, and its size; {@code (no value)} for null.
     */
    public static String ofValue(byte[] value, int maxChars) {
        if (value == null) {
            return "(no value)";
        }
        int prefix = (int) Math.min(value.length, (long) maxChars * BYTES_PER_CHAR + BYTES_PER_CHAR);
        Decoded decoded = decode(value, prefix, prefix == value.length);
        String shown = printable(decoded.text(), maxChars);
        return (shown.isEmpty() ? "" : shown + " ") + "(" + value.length + " bytes"
                + (decoded.malformed() ? ", not all UTF-8" : "") + ")";
    }

    /** {@code text} escaped and cut after {@code maxChars} characters, with {@code …} where it was cut. */
    public static String printable(String text, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 1);
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            String piece = escape(codePoint);
            if (out.length() + piece.length() > maxChars) {
                return out.append('…').toString();
            }
            out.append(piece);
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    private static String escape(int codePoint) {
        switch (codePoint) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        int type = Character.getType(codePoint);
        boolean unprintable = Character.isISOControl(codePoint) || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
        return unprintable ? String.format("\\u%04X", codePoint) : new String(Character.toChars(codePoint));
    }

    /** What the first {@code length} bytes say, and whether some of them were not UTF-8. */
    private record Decoded(String text, boolean malformed) {
    }

    /**
     * Decodes {@code bytes[0, length)}, each malformed sequence as U+FFFD. When the bytes are a
     * prefix ({@code complete} false) a sequence cut at the end is not malformed, only left out.
     */
    private static Decoded decode(byte[] bytes, int length, boolean complete) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CharBuffer out = CharBuffer.allocate(length + 1);
        boolean malformed = false;
        while (true) {
            CoderResult result = decoder.decode(in, out, complete);
            if (!result.isError()) {
                break; // underflow: all read (overflow cannot happen: a byte makes at most one character)
            }
            malformed = true;
            out.put('\uFFFD');
            in.position(in.position() + result.length());
        }
        if (complete) {
            decoder.flush(out);
        }
        out.flip();
        return new Decoded(out.toString(), malformed);
    }
}
