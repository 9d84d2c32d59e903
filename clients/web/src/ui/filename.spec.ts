import { describe, expect, it } from "vitest";
import { displayFileName, displayMediaType } from "./filename.js";

describe("displayFileName", () => {
  it("keeps an ordinary name as it is, accents and spaces included", () => {
    expect(displayFileName("Relatório final (v2).pdf")).toBe("Relatório final (v2).pdf");
    expect(displayFileName("鍵.txt")).toBe("鍵.txt");
  });

  it("takes out the right-to-left override that disguises an extension", () => {
    const spoof = "invoice\u202Efdp.exe"; // shows as "invoiceexe.pdf"
    expect(displayFileName(spoof)).toBe("invoicefdp.exe");
  });

  it.each([
    ["bidirectional embeddings, isolates and marks", "a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069i\u200Ej\u200Fk\u061Cl.txt", "abcdefghijkl.txt"],
    ["zero-width and soft hyphen characters", "pay\u200Bpal\u200D\uFEFF\u00AD.png", "paypal.png"],
    ["control characters: NUL, ESC sequences, DEL, C1", "a\u0000b\u001B[31mc\u007Fd\u0085e\u009Bf.txt", "ab[31mcdef.txt"],
    ["line breaks and separators", "first\r\nsecond\u2028third\u2029.txt", "firstsecondthird.txt"],
    ["a lone surrogate", "bad\uD800name.txt", "badname.txt"],
  ])("takes out %s", (_, name, expected) => {
    expect(displayFileName(name)).toBe(expected);
  });

  it("turns path separators into underscores and folds runs of spaces", () => {
    expect(displayFileName("../../etc/passwd")).toBe(".._.._etc_passwd");
    expect(displayFileName("C:\\Users\\me\\key.pem")).toBe("C:_Users_me_key.pem");
    expect(displayFileName("  a \t  b.txt ")).toBe("a b.txt");
  });

  it("has no name left when only hidden characters or dots were sent", () => {
    expect(displayFileName("")).toBeUndefined();
    expect(displayFileName("\u202E\u200B")).toBeUndefined();
    expect(displayFileName("..")).toBeUndefined();
  });
});

describe("displayMediaType", () => {
  it("keeps a media type and takes out hidden characters", () => {
    expect(displayMediaType("application/pdf")).toBe("application/pdf");
    expect(displayMediaType("text/plain\u202E\n")).toBe("text/plain");
  });

  it("cuts a media type longer than any real one", () => {
    expect(displayMediaType("a/" + "b".repeat(1000))).toHaveLength(255);
  });
});
