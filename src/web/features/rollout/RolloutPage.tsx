import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import type { PlanAnswer, PlanRequest, RolloutDashboard } from '../../../domain/rollout/rollout.schema.js';
import { rolloutSteps, type RolloutStep } from '../../../domain/rollout/rollout-state.js';
import { toLatinDigits } from '../../../domain/persian-text.js';
import { ApiError, errorMessageKey } from '../../api/client.js';
import { downloadCsv } from '../../components/csv-download.js';
import { formatInstant } from '../../components/JalaliTime.js';
import { LazyChart } from '../../components/LazyChart.js';
import { useI18n } from '../../i18n/i18n.js';
import { useProvinces } from '../reference/api.js';
import { referenceName } from '../reference/reference-name.js';
import { RefreshFromFiles } from './RefreshFromFiles.js';
import { RolloutUnitsDrawer, type RolloutUnitsFilter } from './RolloutUnitsDrawer.js';
import { SpeedSection } from './SpeedSection.js';
import { useAdoptPlan, useImportUnits, usePlan, useRollout, useSetRolloutStep } from './api.js';

const percent = (share: number) => Math.round(share * 1000) / 10;

/** A share as a percentage with one decimal, in the locale's digits and decimal separator (۵۸٫۳). */
function usePercentText() {
  const { digits, locale } = useI18n();
  return (share: number) => {
    const text = digits(percent(share));
    return locale === 'fa' ? text.replace('.', '٫') : text;
  };
}

/** A number typed in any digits (۰٫۶, 0.6, ۶۰٪ is not accepted: a share is written as a fraction). */
function readNumber(text: string | undefined): number | undefined {
  const latin = toLatinDigits(text ?? '')
    .replace('٫', '.')
    .trim();
  return latin === '' ? undefined : Number(latin);
}

/** The issues of a refused register file, each on its line and column. */
function ImportIssues({ error }: { error: unknown }) {
  const { t, digits } = useI18n();
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <Alert
      type="error"
      showIcon
      message={t(errorMessageKey(error))}
      description={
        <ul data-testid="import-issues" style={{ margin: 0, paddingInlineStart: 20 }}>
          {issues.slice(0, 50).map((issue) => {
            const where = /^line (\d+)(?:, (.+))?$/.exec(issue.path);
            return (
              <li key={`${issue.path}-${issue.code}`}>
                {t('rollout.import.issueAt', { line: digits(where?.[1] ?? ''), field: where?.[2] ?? '' })}{' '}
                {t(`units.csvIssue.${issue.code.split('.').at(-1) ?? ''}`)}
              </li>
            );
          })}
        </ul>
      }
    />
  );
}

/** The administrator's import of the national register (CSV). */
function ImportRegister() {
  const { t, digits } = useI18n();
  const importUnits = useImportUnits();
  return (
    <Card size="small" title={t('rollout.import.title')}>
      <Space direction="vertical" style={{ inlineSize: '100%' }}>
        <Typography.Text type="secondary">{t('rollout.import.help')}</Typography.Text>
        <Upload
          accept=".csv,text/csv"
          showUploadList={false}
          beforeUpload={(file) => {
            importUnits.mutate(file);
            return false;
          }}
        >
          <Button loading={importUnits.isPending} data-testid="import-register">
            {t('rollout.import.choose')}
          </Button>
        </Upload>
        <RefreshFromFiles />
        {importUnits.isError && <ImportIssues error={importUnits.error} />}
        {importUnits.isSuccess && (
          <Alert
            type="success"
            showIcon
            data-testid="import-result"
            message={t('rollout.import.done', {
              total: digits(importUnits.data.total),
              created: digits(importUnits.data.created),
              updated: digits(importUnits.data.updated),
            })}
          />
        )}
      </Space>
    </Card>
  );
}

/** The planner: a target, options, the plan's figures, its coverage curve and its table by province. */
function Planner({ canAdopt }: { canAdopt: boolean }) {
  const { t, digits, locale } = useI18n();
  const provinces = useProvinces();
  const plan = usePlan();
  const adopt = useAdoptPlan();
  const [request, setRequest] = useState<PlanRequest | null>(null);
  const submit = (values: Record<string, string | undefined>) => {
    const next: PlanRequest = { target: readNumber(values.target) ?? Number.NaN };
    const visitsWeight = readNumber(values.visitsWeight);
    const perProvince = readNumber(values.perProvince);
    const waveSize = readNumber(values.waveSize);
    if (visitsWeight !== undefined) next.visitsWeight = visitsWeight;
    if (perProvince !== undefined) next.perProvince = perProvince;
    if (waveSize !== undefined) next.waveSize = waveSize;
    if (values.figures === 'files') next.figures = 'files';
    setRequest(next);
    plan.mutate(next);
  };
  return (
    <Card size="small" title={t('rollout.plan.title')}>
      <Form
        layout="inline"
        onFinish={submit}
        initialValues={{
          target: locale === 'fa' ? '۰٫۶' : '0.6',
          waveSize: locale === 'fa' ? '۵۰' : '50',
          figures: 'register',
        }}
      >
        <Form.Item name="target" label={t('rollout.plan.target')}>
          <Input style={{ inlineSize: 90 }} data-testid="plan-target" />
        </Form.Item>
        <Form.Item name="visitsWeight" label={t('rollout.plan.visitsWeight')}>
          <Input style={{ inlineSize: 90 }} />
        </Form.Item>
        <Form.Item name="perProvince" label={t('rollout.plan.perProvince')}>
          <Input style={{ inlineSize: 70 }} />
        </Form.Item>
        <Form.Item name="waveSize" label={t('rollout.plan.waveSize')}>
          <Input style={{ inlineSize: 70 }} />
        </Form.Item>
        <Form.Item name="figures" label={t('rollout.plan.figures')}>
          <Select
            style={{ inlineSize: 220 }}
            aria-label={t('rollout.plan.figures')}
            options={(['register', 'files'] as const).map((f) => ({
              value: f,
              label: t(`rollout.plan.figuresFrom.${f}`),
            }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={plan.isPending} data-testid="plan-submit">
          {t('rollout.plan.run')}
        </Button>
      </Form>
      {plan.isError && (
        <Alert
          style={{ marginBlockStart: 12 }}
          type="error"
          showIcon
          message={t(errorMessageKey(plan.error))}
        />
      )}
      {plan.isSuccess && (
        <PlanResult
          plan={plan.data}
          provinceName={(code) => referenceName(provinces.data, code, locale)}
          adopt={
            canAdopt && request
              ? () =>
                  adopt.mutate({
                    ...request,
                    firstDueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
                    daysBetweenWaves: 30,
                  })
              : undefined
          }
          adopting={adopt.isPending}
          adopted={adopt.isSuccess}
        />
      )}
      {plan.isSuccess && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBlockStart: 8 }}>
          {t('rollout.plan.minimal', { units: digits(plan.data.chosenCount) })}
        </Typography.Text>
      )}
    </Card>
  );
}

function PlanResult({
  plan,
  provinceName,
  adopt,
  adopting,
  adopted,
}: {
  plan: PlanAnswer;
  provinceName: (code: string) => string;
  adopt: (() => void) | undefined;
  adopting: boolean;
  adopted: boolean;
}) {
  const { t, digits } = useI18n();
  const pct = usePercentText();
  const option = useMemo(
    () => ({
      grid: { containLabel: true, left: 16, right: 16, top: 24, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'value',
        min: 0,
        max: 100,
        name: t('rollout.plan.unitShare'),
        nameLocation: 'middle',
        nameGap: 28,
      },
      yAxis: { type: 'value', min: 0, max: 100, name: t('rollout.plan.theftShare') },
      series: [
        {
          type: 'line',
          showSymbol: false,
          data: plan.curve.map((p) => [percent(p.unitShare), percent(p.theftShare)]),
          markPoint: {
            symbolSize: 44,
            label: { formatter: digits(plan.chosenCount) },
            data: [{ coord: [percent(plan.chosenCount / plan.totalUnits), percent(plan.theftShare)] }],
          },
        },
      ],
    }),
    [plan, t, digits],
  );
  const provinceRows = plan.byProvince.filter((p) => p.chosen > 0);
  return (
    <Space direction="vertical" style={{ inlineSize: '100%', marginBlockStart: 12 }}>
      <Alert
        type="info"
        data-testid="plan-summary"
        message={t('rollout.plan.summary', {
          chosen: digits(plan.chosenCount),
          total: digits(plan.totalUnits),
          thefts: pct(plan.theftShare),
          visits: pct(plan.visitShare),
          waves: digits(plan.waves),
        })}
      />
      <LazyChart option={option} label={t('rollout.plan.curve')} />
      <Space wrap>
        <Button
          data-testid="plan-export"
          onClick={() =>
            downloadCsv(
              'rollout-plan.csv',
              [
                'wave',
                'rank',
                'code',
                'name_fa',
                'province',
                'county',
                'thefts',
                'visits',
                'cumulative_theft_share',
              ],
              plan.chosen.map((c) => [
                c.wave,
                c.rank,
                c.code,
                c.nameFa,
                c.province,
                c.county,
                c.thefts,
                c.visits,
                c.cumulativeTheftShare.toFixed(6),
              ]),
            )
          }
        >
          {t('common.exportCsv')}
        </Button>
        {adopt && (
          <Button onClick={adopt} loading={adopting} disabled={adopted} data-testid="plan-adopt">
            {adopted ? t('rollout.plan.adopted') : t('rollout.plan.adopt')}
          </Button>
        )}
      </Space>
      <Table
        size="small"
        rowKey="province"
        pagination={false}
        data-testid="plan-provinces"
        dataSource={provinceRows}
        columns={[
          { key: 'province', title: t('rollout.province'), render: (_, p) => provinceName(p.province) },
          {
            key: 'chosen',
            title: t('rollout.plan.chosen'),
            align: 'end',
            render: (_, p) => digits(`${p.chosen}/${p.units}`),
          },
          {
            key: 'thefts',
            title: t('rollout.plan.theftShareOfProvince'),
            align: 'end',
            render: (_, p) => `${pct(p.thefts > 0 ? p.theftsCovered / p.thefts : 0)}٪`,
          },
        ]}
      />
    </Space>
  );
}

/** The tracking: units per step and wave (a chart and a table, late waves marked), per province, each unit. */
function Tracking({ dashboard, canManage }: { dashboard: RolloutDashboard; canManage: boolean }) {
  const { t, digits, locale } = useI18n();
  const provinces = useProvinces();
  const setStep = useSetRolloutStep();
  const option = useMemo(
    () => ({
      grid: { containLabel: true, left: 16, right: 16, top: 40, bottom: 16 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: {
        type: 'category',
        data: dashboard.waves.map((w) => t('rollout.waveN', { wave: digits(w.wave) })),
      },
      yAxis: { type: 'value' },
      series: rolloutSteps.map((step) => ({
        type: 'bar',
        stack: 'units',
        name: t(`rollout.steps.${step}`),
        data: dashboard.waves.map((w) => w.byState[step]),
      })),
    }),
    [dashboard, t, digits],
  );
  const provinceName = (code: string) => referenceName(provinces.data, code, locale);
  const [drill, setDrill] = useState<{ filter: RolloutUnitsFilter; title: string } | null>(null);
  /** A count that opens the list of the units behind it (the same grouping), unless it is nought. */
  const count = (n: number, filter: RolloutUnitsFilter, where: string) =>
    n === 0 ? (
      digits(n)
    ) : (
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        aria-label={`${t('rollout.drillDown.open')}: ${where}${filter.state ? ` — ${t(`rollout.steps.${filter.state}`)}` : ''}`}
        onClick={() =>
          setDrill({
            filter,
            title: t('rollout.drillDown.title', {
              figure: filter.state ? t(`rollout.steps.${filter.state}`) : t('rollout.drillDown.units'),
              where,
            }),
          })
        }
      >
        {digits(n)}
      </Button>
    );
  type Grouped = { byState: Record<RolloutStep, number>; wave?: number; province?: string };
  const whereOf = (row: Grouped) =>
    row.wave !== undefined
      ? t('rollout.waveN', { wave: digits(row.wave) })
      : row.province !== undefined
        ? provinceName(row.province)
        : t('rollout.drillDown.all');
  const groupOf = (row: Grouped): RolloutUnitsFilter =>
    row.wave !== undefined
      ? { wave: row.wave }
      : row.province !== undefined
        ? { province: row.province }
        : {};
  const stepColumns = rolloutSteps.map((step) => ({
    key: step,
    title: t(`rollout.steps.${step}`),
    align: 'end' as const,
    render: (_: unknown, row: Grouped) =>
      count(row.byState[step], { ...groupOf(row), state: step }, whereOf(row)),
  }));
  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Row gutter={[12, 12]} data-testid="rollout-totals">
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('rollout.registerUnits')} value={digits(dashboard.registerUnits)} />
          </Card>
        </Col>
        {rolloutSteps.map((step) => (
          <Col key={step} xs={12} md={4}>
            <Card size="small">
              <Statistic
                title={t(`rollout.steps.${step}`)}
                valueRender={() => count(dashboard.totals[step], { state: step }, t('rollout.drillDown.all'))}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {dashboard.waves.length > 0 && (
        <LazyChart option={option} label={t('rollout.wavesChart')} height={280} />
      )}
      <Card
        size="small"
        title={t('rollout.waves')}
        extra={
          <Button
            size="small"
            onClick={() =>
              downloadCsv(
                'rollout-waves.csv',
                ['wave', 'due_at', 'late', 'units', ...rolloutSteps],
                dashboard.waves.map((w) => [
                  w.wave,
                  w.dueAt,
                  w.late ? 1 : 0,
                  w.units,
                  ...rolloutSteps.map((s) => w.byState[s]),
                ]),
              )
            }
          >
            {t('common.exportCsv')}
          </Button>
        }
      >
        <Table
          size="small"
          rowKey="wave"
          pagination={false}
          data-testid="rollout-waves"
          dataSource={dashboard.waves}
          columns={[
            {
              key: 'wave',
              title: t('rollout.wave'),
              render: (_, w) => (
                <>
                  {digits(w.wave)} {w.late && <Tag color="red">{t('rollout.late')}</Tag>}
                </>
              ),
            },
            {
              key: 'due',
              title: t('rollout.dueAt'),
              render: (_, w) => (w.dueAt ? formatInstant(locale, new Date(w.dueAt), 'date') : '—'),
            },
            {
              key: 'units',
              title: t('rollout.units'),
              align: 'end',
              render: (_, w) => count(w.units, { wave: w.wave }, whereOf(w)),
            },
            ...stepColumns,
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('rollout.byProvince')}
        extra={
          <Button
            size="small"
            onClick={() =>
              downloadCsv(
                'rollout-provinces.csv',
                ['province', 'name', 'units', ...rolloutSteps],
                dashboard.byProvince.map((p) => [
                  p.province,
                  provinceName(p.province),
                  p.units,
                  ...rolloutSteps.map((s) => p.byState[s]),
                ]),
              )
            }
          >
            {t('common.exportCsv')}
          </Button>
        }
      >
        <Table
          size="small"
          rowKey="province"
          pagination={{ pageSize: 10 }}
          dataSource={dashboard.byProvince}
          columns={[
            { key: 'province', title: t('rollout.province'), render: (_, p) => provinceName(p.province) },
            {
              key: 'units',
              title: t('rollout.units'),
              align: 'end',
              render: (_, p) => count(p.units, { province: p.province }, whereOf(p)),
            },
            ...stepColumns,
          ]}
        />
      </Card>
      <Card size="small" title={t('rollout.unitList')}>
        <Table
          size="small"
          rowKey="code"
          pagination={{ pageSize: 20 }}
          data-testid="rollout-units"
          dataSource={dashboard.units}
          columns={[
            { key: 'rank', title: t('rollout.rank'), render: (_, u) => digits(`${u.wave}/${u.rank}`) },
            {
              key: 'unit',
              title: t('rollout.unit'),
              render: (_, u) => (
                <>
                  {u.nameFa} <Typography.Text type="secondary">{u.code}</Typography.Text>
                </>
              ),
            },
            { key: 'province', title: t('rollout.province'), render: (_, u) => provinceName(u.province) },
            {
              key: 'state',
              title: t('rollout.state'),
              render: (_, u) => <Tag>{t(`rollout.steps.${u.state}`)}</Tag>,
            },
            {
              key: 'since',
              title: t('rollout.since'),
              render: (_, u) => {
                const at = u.dates.live ?? u.dates.firstSent ?? u.dates.usersCreated ?? u.dates.nodeReady;
                return at ? formatInstant(locale, new Date(at), 'date') : '—';
              },
            },
            ...(canManage
              ? [
                  {
                    key: 'live',
                    title: '',
                    render: (_: unknown, u: RolloutDashboard['units'][number]) =>
                      u.state === 'live' ? null : (
                        <Button
                          size="small"
                          onClick={() =>
                            setStep.mutate({ code: u.code, step: 'live', at: new Date().toISOString() })
                          }
                        >
                          {t('rollout.markLive')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <RolloutUnitsDrawer
        units={dashboard.units}
        filter={drill?.filter ?? null}
        title={drill?.title ?? ''}
        onClose={() => setDrill(null)}
      />
    </Space>
  );
}

/**
 * The rollout (`#/rollout`, supervisor and administrator): where each unit of the adopted plan stands, whether
 * files reach the offices faster (`SpeedSection`), the planner, and (administrator) the import of the national register.
 */
export function RolloutPage({ canManage }: { canManage: boolean }) {
  const { t } = useI18n();
  const rollout = useRollout();
  return (
    <Space direction="vertical" size="middle" style={{ inlineSize: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('rollout.title')}
      </Typography.Title>
      {rollout.isError && <Alert type="error" showIcon message={t(errorMessageKey(rollout.error))} />}
      {rollout.isSuccess && <Tracking dashboard={rollout.data} canManage={canManage} />}
      <SpeedSection />
      <Planner canAdopt={canManage} />
      {canManage && <ImportRegister />}
    </Space>
  );
}
