// Named tolerances, one per quantity and dtype. Reference values are 50-digit exact results
// correctly rounded to float64; these bounds are what the root face achieves on all of them.

/** Normwise relative error of a float64 op against its exact value (the issue asks 1e-12; we hold 2e-14). */
export const REF_REL_F64 = 2e-14;
/** Identities composed of several float64 ops (exp∘log, left cancellation, ...) on well-conditioned points. */
export const IDENTITY_REL_F64 = 1e-12;
/** Identities for points up to c|x|^2 = 1 - 1e-6, where each op's condition number reaches 1e6. */
export const IDENTITY_NEAR_BOUNDARY_REL_F64 = 1e-8;
/** Absolute slack for identities whose exact value is 0 or tiny (distance of a point to itself, ...). */
export const IDENTITY_ABS_F64 = 1e-14;
/** Triangle inequality slack, relative to the larger side. */
export const TRIANGLE_REL_F64 = 1e-12;
/** Relative agreement of an analytic Euclidean gradient with central finite differences (float64, h ~ 1e-6). */
export const FD_GRAD_REL_F64 = 1e-6;
/** The tf face (float32) against the root face (float64), relative, for points with c|x|^2 <= 0.9. */
export const TF_VS_ROOT_REL_F32 = 2e-4;
/** Absolute slack of float32 results near zero. */
export const TF_VS_ROOT_ABS_F32 = 1e-5;
/** tf gradients (float32) against float64 finite differences of the root face, relative to the gradient norm. */
export const TF_GRAD_REL_F32 = 5e-3;
/** Mean average precision of edge reconstruction for the embedded (3, 5) tree: the bar. */
export const TREE_MAP_MIN = 0.95;
