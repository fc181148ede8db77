/** The pieces a streamed answer arrives in: roughly one word each, trailing space kept. */
export function splitForStreaming(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}
