/**
 * A tiny PDF writer for sample documents (CMR, invoice, POD): one A4 page of Helvetica text, with
 * a correct cross-reference table so PDF viewers open it without repairs. Output depends only on
 * the input, so generated files are byte-identical on every run.
 */

export interface PdfContent {
  title: string
  /** Label and value rows under the title. */
  rows: readonly (readonly [label: string, value: string])[]
  /** A short line at the foot of the page. */
  footer?: string
}

/** The PDF file for `content`. Text outside ASCII is folded (Łódź becomes Lodz). */
export function buildPdf(content: PdfContent): Buffer {
  const lines: string[] = ['BT', '/F2 18 Tf', '56 780 Td', `(${pdfText(content.title)}) Tj`, 'ET']
  let y = 740
  for (const [label, value] of content.rows) {
    lines.push('BT', '/F2 10 Tf', `56 ${y} Td`, `(${pdfText(label)}) Tj`, 'ET')
    lines.push('BT', '/F1 10 Tf', `200 ${y} Td`, `(${pdfText(value)}) Tj`, 'ET')
    y -= 18
    if (y < 80) break
  }
  lines.push('0.6 w', `56 ${y + 6} m 539 ${y + 6} l S`)
  if (content.footer) {
    lines.push('BT', '/F1 8 Tf', '56 48 Td', `(${pdfText(content.footer)}) Tj`, 'ET')
  }
  const stream = lines.join('\n')

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    `<< /Title (${pdfText(content.title)}) /Producer (Freightdesk sandbox) >>`,
  ]
  // The second line's high bytes tell tools the file is binary (PDF 1.4, section 3.4.1).
  let text = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n'
  const offsets: number[] = []
  objects.forEach((body, index) => {
    offsets.push(text.length)
    text += `${index + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = text.length
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  // Every character is below 256, so latin1 maps each to one byte and the offsets hold.
  return Buffer.from(text, 'latin1')
}

const folded: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  æ: 'ae',
}

/** Text for a PDF string literal: ASCII only, with `(`, `)` and `\` escaped. */
function pdfText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łŁßøØđĐæ]/g, (character) => folded[character] ?? character)
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/[\\()]/g, (character) => `\\${character}`)
}
