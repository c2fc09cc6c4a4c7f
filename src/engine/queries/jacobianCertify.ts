// The whole-box Jacobian certificate as the first step of a BL certify under the default method, in any dimension:
// CROWN bounds on the ball's box give the neuron phases, and the certificate of ../split/jacobian.ts (its factored
// and interval tests need no vertex enumeration) proves F injective on the whole box, so no two points of the ball
// share an image, at any separation. Milliseconds where it applies (one-hidden-layer maps, residual steppers with
// Lip(g) < 1); otherwise null and the split path or the MILPs decide. `--method direct | paper` skip it, so their
// answers stay reproducible by a MILP.
import type { CertifyResult, NormName } from '../../shared/results';
import { computeBounds } from '../bounds';
import type { Box } from '../bounds/types';
import { ballText } from '../norms/norm';
import { certified } from '../results/build';
import { jacobianCertificate } from '../split/jacobian';
import { boxPairs } from './certifyPair';
import type { QueryContext } from './context';

/** stats.method of an answer from this certificate ('auto:jacobian' under the default method). */
export const JACOBIAN_METHOD = 'jacobian';

/** Most unstable neurons whose 2^k piece Jacobians the pre-pass may enumerate (larger k: the enumeration-free tests only). */
const PREPASS_MAX_ENUMERATE = 6;

/** The ball of a certify query (certify.ts's CertifyQuery, without importing it back). */
interface Ball { readonly query: 'bl' | 'pi'; readonly center: Float64Array; readonly radius: number; readonly norm: NormName }

export function jacobianCertify(ctx: QueryContext, q: Ball, box: Box, tolerance: number, started: number): CertifyResult | null {
  if (q.query !== 'bl') return null;
  const net = ctx.state.net;
  const bounds = computeBounds(net, box, { method: 'crown' });
  const cert = jacobianCertificate(net, bounds, PREPASS_MAX_ENUMERATE);
  if (!cert.certified) return null;
  return certified({
    query: 'bl', norm: q.norm, tolerance, epsilon: tolerance, center: Array.from(q.center), boxRadius: q.radius,
    domain: boxPairs(box), objective: 0, bound: 0, gap: null,
    stats: { binaries: 0, unstable: cert.unstable, nodes: 0, solves: 0, seconds: (Date.now() - started) / 1000, method: JACOBIAN_METHOD },
    message: `certified: F is injective on ${ballText(q.norm, q.radius)}, at any separation (Jacobian certificate '${cert.test}' ` +
      `on its box: every Jacobian of F there, and every convex combination of them, is nonsingular; ${cert.unstable} unstable ReLUs)`,
  });
}
