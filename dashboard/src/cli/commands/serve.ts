import { DEFAULT_PORT, startServer } from '../../server/main.js';
import { type Command, DB_OPTION } from '../command.js';
import { intOption, textOption } from '../read-options.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: `serve the dashboard and its API (default http://127.0.0.1:${DEFAULT_PORT})`,
  details:
    'A --host other than loopback requires OBSERVATORY_TOKEN; the dashboard then asks for it. Stops on Ctrl-C (SIGINT) or SIGTERM.',
  options: {
    ...DB_OPTION,
    port: {
      type: 'string',
      value: 'N',
      description: `port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)`,
    },
    host: { type: 'string', value: 'H', description: 'address to bind (default 127.0.0.1)' },
  },
  async run(values) {
    const server = await startServer({
      databaseUrl: textOption(values, 'db'),
      port: intOption(values, 'port', 0, 65_535),
      host: textOption(values, 'host'),
    });
    process.stdout.write(`Observatory dashboard on ${server.url} (database: ${server.observatory.database})\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await server.close();
    return 0;
  },
};
