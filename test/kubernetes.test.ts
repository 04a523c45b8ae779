/**
 * deploy/k8s as an operator applies it: every service a Deployment of two
 * replicas with /healthz and /readyz probes, resource requests, a Service and
 * a PodDisruptionBudget, its secrets from the Secret `heartsafe-secrets`, and
 * the subgraphs' URLs pointing at their Services. Built with `kubectl
 * kustomize` where kubectl is installed (no cluster is needed for that), and
 * every resource validated against the Kubernetes API's own schemas
 * (kubernetes-models, generated from the Kubernetes OpenAPI specification).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { projectRoot } from '../common/config.ts';
import { SUBGRAPHS } from '../subgraphs/index.ts';

const directory = path.join(projectRoot, 'deploy', 'k8s');
const kustomization = parseAllDocuments(await fs.readFile(path.join(directory, 'kustomization.yaml'), 'utf8'))[0]!.toJS();
const resources: any[] = [];
for (const file of kustomization.resources as string[]) {
  for (const document of parseAllDocuments(await fs.readFile(path.join(directory, file), 'utf8'))) resources.push(document.toJS());
}
const find = (kind: string, name: string) => resources.find((resource) => resource.kind === kind && resource.metadata.name === name);
const SERVICES = ['gateway', ...SUBGRAPHS.map((subgraph) => subgraph.name)];

describe('deploy/k8s', () => {
  it.each(SERVICES)('runs %s as two probed, bounded replicas behind a Service, with a disruption budget', (name) => {
    const deployment = find('Deployment', name);
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const [container] = deployment.spec.template.spec.containers;
    expect(container.env).toContainEqual({ name: 'SERVICE', value: name });
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.resources.requests.cpu).toBeTruthy();
    expect(container.resources.requests.memory).toBeTruthy();
    expect(container.envFrom).toContainEqual({ secretRef: { name: 'heartsafe-secrets' } });
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    const port = container.env.find((variable: { name: string }) => variable.name === `${name.toUpperCase()}_PORT`).value;
    expect(find('Service', name).spec.ports[0].port).toBe(Number(port));
    const budget = find('PodDisruptionBudget', name);
    expect(budget.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
    expect(budget.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
  });

  it('tells every service where each subgraph’s Service is, and keeps secrets out of the ConfigMap', () => {
    const config = find('ConfigMap', 'heartsafe-config').data;
    for (const subgraph of SUBGRAPHS) {
      const port = find('Service', subgraph.name).spec.ports[0].port;
      expect(config[`${subgraph.name.toUpperCase()}_URL`]).toBe(`http://${subgraph.name}:${port}/graphql`);
    }
    expect(Object.keys(config).filter((key) => /SECRET|PASSWORD|DATABASE_URL/.test(key))).toEqual([]);
  });

  it.each(resources.map((resource) => [`${resource.kind} ${resource.metadata.name}`, resource]))(
    '%s is valid against the Kubernetes API schema of its kind',
    async (_name, resource) => {
      // `apps/v1` Deployment → kubernetes-models/apps/v1/Deployment; the core group's `v1` → kubernetes-models/v1/….
      const { [resource.kind]: Model } = await import(`kubernetes-models/${resource.apiVersion}/${resource.kind}`);
      expect(Model, `no schema for ${resource.apiVersion} ${resource.kind}`).toBeTypeOf('function');
      expect(() => new Model(resource).validate()).not.toThrow();
    },
  );

  it('refuses what the Kubernetes API would refuse (the schema check is real)', async () => {
    const { Deployment } = await import('kubernetes-models/apps/v1/Deployment');
    const broken = structuredClone(find('Deployment', 'gateway'));
    broken.spec.replicas = 'two';
    expect(() => new Deployment(broken).validate()).toThrow(/replicas must be integer/);
  });

  it('builds with kustomize', () => {
    let kubectl = true;
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    } catch {
      kubectl = false;
    }
    if (!kubectl) return;
    const built = execFileSync('kubectl', ['kustomize', directory], { encoding: 'utf8' });
    expect(built.match(/^kind: Deployment$/gm)).toHaveLength(SERVICES.length);
  });
});
