export interface DashboardQuery {
  readonly panel: string;
  readonly expr: string;
}

interface Panel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

interface Dashboard {
  panels?: Panel[];
  templating?: { list?: { name: string; query?: string | { query?: string } }[] };
}

/** Every PromQL query of a dashboard: panel targets (rows included) and variable queries. */
export function dashboardQueries(dashboard: Dashboard): DashboardQuery[] {
  const queries: DashboardQuery[] = [];
  const walk = (panels: Panel[] = []): void => {
    for (const panel of panels) {
      for (const target of panel.targets ?? []) {
        if (target.expr) queries.push({ panel: panel.title ?? '?', expr: target.expr });
      }
      walk(panel.panels);
    }
  };
  walk(dashboard.panels);
  for (const variable of dashboard.templating?.list ?? []) {
    const query = typeof variable.query === 'string' ? variable.query : variable.query?.query;
    // label_values(metric, label) is Grafana's, not PromQL: check its metric.
    const metric = query ? /^label_values\(\s*([^,)]+)/.exec(query)?.[1] : undefined;
    if (metric) queries.push({ panel: `$${variable.name}`, expr: metric.trim() });
  }
  return queries;
}

/** The panels (titles) of a dashboard that show data, rows left out. */
export function panelTitles(dashboard: Dashboard): string[] {
  const titles: string[] = [];
  const walk = (panels: Panel[] = []): void => {
    for (const panel of panels) {
      if (panel.targets?.length) titles.push(panel.title ?? '?');
      walk(panel.panels);
    }
  };
  walk(dashboard.panels);
  return titles;
}
