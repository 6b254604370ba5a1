// Named tolerances of the docs' tests (float64 maths of the viewer against @geo/poincare).

/** Disk recentring vs Möbius addition of −a (float64; both well conditioned away from the edge), absolute in the ball's radius units. */
export const MOBIUS_ABS = 1e-10;
/** A point on a geodesic arc: distance to the circle, relative to the radius (or absolute when r < 1). */
export const ON_CIRCLE_REL = 1e-9;
/** Orthogonality of a geodesic circle to the unit circle: |o|² − r² − 1. */
export const ORTHOGONAL_ABS = 1e-8;
/** Hyperbolic radius vs @geo/poincare's dist(0, z), relative. */
export const RADIUS_REL = 1e-12;
/** A point sampled on a geodesic: the hyperbolic triangle defect d(p, m) + d(m, q) − d(p, q), absolute. */
export const TRIANGLE_ABS = 1e-7;
/** Composed disk maps vs applying them one after the other, absolute. */
export const COMPOSE_ABS = 1e-10;
