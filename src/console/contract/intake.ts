/** 新建事项: staff file a case on a resident's behalf (a phone call, the window, a patrol …). */
import { z } from 'zod';
import { CASE_KINDS } from '../../civic/kinds/names.js';

/** the channels staff may file through (config/channels.yaml), and the labels of every channel a case may carry */
export const channelsResponseSchema = z.object({
  /** what 新建事项 offers */
  staff: z.array(z.object({ id: z.string(), label: z.string() })),
  /** every channel, the built-in ones (微信公众号, Open311 接口) first */
  all: z.array(z.object({ id: z.string(), label: z.string() })),
});

/**
 * One case filed for a resident. The kind's own submit checks its fields (a report needs a
 * category, a proposal a title, a project type and who benefits …). formToken is made when the
 * form opens: the same form sent twice (a double click, a retried request) files once.
 * Photos go afterwards, each through POST /cases/:id/photos.
 */
export const caseCreateBodySchema = z.object({
  kind: z.enum(CASE_KINDS),
  formToken: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  channel: z.string().min(1).max(40),
  /** the resident's name and phone: private, only staff in scope see them */
  contactName: z.string().trim().max(50).optional(),
  phone: z.string().trim().max(30).optional(),
  communityId: z.string().min(1),
  /** a point (lat/lng, WGS-84 as the case drawer's map) or an address; both optional for kinds without a place */
  location: z
    .object({ lat: z.number().min(-90).max(90).optional(), lng: z.number().min(-180).max(180).optional(), label: z.string().trim().max(200).optional() })
    .optional(),
  description: z.string().trim().min(1).max(2000),
  /** a report's category (flows/categories.yaml id or name) */
  category: z.string().min(1).max(40).optional(),
  /** a proposal's or a wish's title */
  title: z.string().trim().min(1).max(60).optional(),
  projectType: z.string().min(1).max(10).optional(),
  beneficiaries: z.string().trim().min(1).max(500).optional(),
  /** in fen */
  estimatedCost: z.number().int().nonnegative().optional(),
});

export const caseCreateResponseSchema = z.object({
  caseId: z.number(),
  /** false: this form had already filed it (the same formToken) */
  created: z.boolean(),
});
