/* SPDX-FileCopyrightText: 2026 The yunshen authors
 * SPDX-License-Identifier: MulanPSL-2.0 */
/* render_flow.h - what the workflow knows, in the words the screen and
 * the CLI share: who signs a step of several signers, and the approved
 * configuration beside the requested one. Apart from render.c, which the
 * workflow's own modules use, so neither needs the other. */
#ifndef YUNSHEN_RENDER_FLOW_H
#define YUNSHEN_RENDER_FLOW_H

#include "render.h"

/* Who signs r's current step sp: "专家签署", or for a step of several
 * signers "专家会签，已签 1/3：zhuanjia1". */
void render_signers(buf *out, store *s, const app_rec *r, const tpl_step *sp);

/* The approved configuration beside the requested one, once a step that
 * approves has signed: "审核核定（资源审核）：主机 5 台，vCPU …；调整：云主机第 1
 * 行 数量 3台→2台；…" or "…：与申请一致"; nothing before. -1 on error. */
int render_approved(buf *out, store *s, const app_rec *r, const app_data *req);

/* What approving r now does to its pool, once r waits at the step that
 * commits resources: "资源池：批准后 vCPU 72%（现 40%），超过预警线 70%；…";
 * nothing otherwise. -1 on error. */
int render_capacity(buf *out, store *s, const app_rec *r);

/* Whether r's unit has idle hosts, while r waits to be accepted (徽州
 * 第三十条): "闲置资源：该单位有闲置资源：…；按第三十条…；受理须写明意见";
 * nothing otherwise. -1 on error. */
int render_idle(buf *out, store *s, const app_rec *r);

#endif
