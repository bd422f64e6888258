/**
 * Reads `multipart/form-data` bodies (file uploads): enough of RFC 7578 for what clients send,
 * one or more parts with a Content-Disposition and an optional Content-Type.
 */
export interface MultipartPart {
  name: string
  filename: string | null
  contentType: string
  data: Buffer
}

/** The parts of a body, or null when the content type is not multipart or has no boundary. */
export function parseMultipart(
  contentType: string | undefined,
  body: Buffer,
): MultipartPart[] | null {
  const match = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '')
  const boundary = match?.[1] ?? match?.[2]
  if (!boundary) return null
  const delimiter = Buffer.from(`--${boundary}`)
  const parts: MultipartPart[] = []
  let start = body.indexOf(delimiter)
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length)
    if (next < 0) break
    // Between "--boundary\r\n" and "\r\n--boundary".
    const part = body.subarray(start + delimiter.length + 2, next - 2)
    const split = part.indexOf('\r\n\r\n')
    if (split >= 0) {
      const headers = part.subarray(0, split).toString('utf8')
      const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? ''
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1]
      if (name !== undefined) {
        parts.push({
          name,
          filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
          contentType:
            /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream',
          data: part.subarray(split + 4),
        })
      }
    }
    start = next
  }
  return parts
}
