// The link as a QR code, encoded by node-qrcode (the `qrcode` package, bundled: no request to another origin) and
// drawn as SVG with DOM calls. The CSP (src/OneTime.Server/Web/SecurityHeaders.cs) allows no data: image and no
// inline style, and dom.ts never parses markup; an <svg> built node by node with presentation attributes needs none.
import { create } from "qrcode";

// Level M (15% of the symbol recoverable): a link stays a small symbol, and a phone still reads it off a screen.
const ErrorCorrection = "M";
const QuietZone = 4; // modules of white around the symbol (ISO/IEC 18004, 4.1)
const ns = "http://www.w3.org/2000/svg";

export function qrSvg(text: string, label: string): SVGSVGElement {
  const { modules } = create(text, { errorCorrectionLevel: ErrorCorrection });
  const extent = modules.size + QuietZone * 2;
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${extent} ${extent}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  const background = document.createElementNS(ns, "rect");
  background.setAttribute("width", String(extent));
  background.setAttribute("height", String(extent));
  background.setAttribute("fill", "#fff");
  let d = "";
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (modules.get(y, x)) d += `M${x + QuietZone} ${y + QuietZone}h1v1h-1z`;
    }
  }
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", d);
  path.setAttribute("fill", "#000");
  svg.append(background, path);
  return svg;
}
