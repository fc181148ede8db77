import type { ApexOptions } from 'apexcharts';

/** A datetime x-axis in local time or UTC, as the display setting says. */
export function timeAxis(zone: 'local' | 'utc'): ApexOptions['xaxis'] {
  return {
    type: 'datetime',
    labels: {
      datetimeUTC: zone === 'utc',
      datetimeFormatter: { year: 'yyyy', month: "MMM 'yy", day: 'dd MMM', hour: 'HH:mm', minute: 'HH:mm:ss' },
    },
    tooltip: { enabled: false },
  };
}
