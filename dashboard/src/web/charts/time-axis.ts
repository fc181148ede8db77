import type { ApexOptions } from 'apexcharts';

/** A datetime x-axis; its time zone (local or UTC) comes with the base options of the display settings. */
export function timeAxis(): ApexOptions['xaxis'] {
  return {
    type: 'datetime',
    labels: {
      datetimeFormatter: { year: 'yyyy', month: "MMM 'yy", day: 'dd MMM', hour: 'HH:mm', minute: 'HH:mm:ss' },
    },
    tooltip: { enabled: false },
  };
}
