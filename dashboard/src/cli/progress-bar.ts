/** A one-line progress bar on a TTY (redrawn at most 10 times a second), or a line per 10% otherwise. */
export function createProgressBar(label: string, out: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastDraw = 0;
  let lastDecile = -1;
  return {
    update(done: number, total: number): void {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      const now = Date.now();
      const seconds = ((now - started) / 1000).toFixed(1);
      const counts = `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${label}`;
      if (out.isTTY) {
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(fraction * width);
        out.write(
          `\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${counts} · ${seconds}s`,
        );
        if (done >= total) out.write('\n');
      } else {
        const decile = Math.floor(fraction * 10);
        if (decile === lastDecile) return;
        lastDecile = decile;
        out.write(`${(fraction * 100).toFixed(0)}% ${counts} · ${seconds}s\n`);
      }
    },
  };
}
