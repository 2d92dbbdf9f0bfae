import type { Category, CategoryAttribute, CategoryCatalog } from '../civic/categories.js';

/**
 * GET services and services/{code}: one Open311 service per report category of
 * flows/categories.yaml (its id is the service_code). metadata is true when the category has
 * attributes, and its definition lists them in the spec's shape.
 */
export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface ServiceAttribute {
  variable: true;
  code: string;
  datatype: CategoryAttribute['datatype'];
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

export interface ServiceDefinition {
  service_code: string;
  attributes: ServiceAttribute[];
}

export const toService = (c: Category, group: string): Service => ({
  service_code: c.id,
  service_name: c.name,
  description: c.description ?? c.name,
  metadata: (c.attributes?.length ?? 0) > 0,
  type: 'realtime',
  keywords: (c.keywords ?? []).join(','),
  group,
});

export const listServices = (catalog: CategoryCatalog, group: string): Service[] => catalog.list.map((c) => toService(c, group));

export function serviceDefinition(c: Category): ServiceDefinition {
  return {
    service_code: c.id,
    attributes: (c.attributes ?? []).map((a, i) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatypeDescription ?? null,
      order: i + 1,
      description: a.description,
      ...(a.values ? { values: a.values } : {}),
    })),
  };
}

/** the same definition for XML: lists nested as the spec's elements (<attributes><attribute>…<values><value>…) */
export function definitionForXml(d: ServiceDefinition): unknown {
  return {
    service_code: d.service_code,
    attributes: d.attributes.length
      ? { attribute: d.attributes.map(({ values, ...a }) => ({ ...a, ...(values ? { values: { value: values } } : {}) })) }
      : '',
  };
}
