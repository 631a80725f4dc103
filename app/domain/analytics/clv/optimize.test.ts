import { describe, expect, it } from "vitest";
import { minimizeNelderMead } from "./optimize.ts";

describe("minimizeNelderMead", () => {
  it("finds the minimum of the Rosenbrock valley", () => {
    const rosenbrock = (point: Float64Array): number => {
      const [x, y] = point as unknown as [number, number];
      return 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    };
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 6);
    expect(result.point[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
  });

  it("minimises a shifted quadratic in four dimensions", () => {
    const target = [0.3, -2, 5, 1.5];
    const result = minimizeNelderMead(
      (point) =>
        target.reduce(
          (sum, value, axis) =>
            sum + (axis + 1) * ((point[axis] as number) - value) ** 2,
          0,
        ),
      [0, 0, 0, 0],
    );
    result.point.forEach((value, axis) =>
      expect(value).toBeCloseTo(target[axis] as number, 6),
    );
  });

  it("confirms a minimum with a probe of 24 points instead of a second run", () => {
    const target = [0.3, -2, 5, 1.5];
    const quadratic = (point: Float64Array) =>
      target.reduce((sum, value, axis) => sum + (axis + 1) * ((point[axis] as number) - value) ** 2, 0);
    const once = minimizeNelderMead(quadratic, [0, 0, 0, 0], { maxRestarts: 0 });
    const probed = minimizeNelderMead(quadratic, [0, 0, 0, 0]);
    expect(probed.point).toEqual(once.point);
    expect(probed.evaluations - once.evaluations).toBe(24);
  });

  it("treats non-finite values as infeasible", () => {
    const result = minimizeNelderMead(
      (point) =>
        (point[0] as number) < 1 ? Number.NaN : ((point[0] as number) - 2) ** 2,
      [3],
    );
    expect(result.point[0]).toBeCloseTo(2, 6);
  });

  it("reports no convergence when the evaluation budget runs out", () => {
    const result = minimizeNelderMead(
      (point) => ((point[0] as number) - 100) ** 2,
      [0],
      { maxEvaluations: 10, initialStep: 0.01 },
    );
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBeGreaterThanOrEqual(10);
  });

  it("returns the same point on every run", () => {
    const objective = (point: Float64Array): number =>
      Math.cos(point[0] as number) + ((point[1] as number) - 1) ** 2;
    expect(minimizeNelderMead(objective, [2, 0])).toEqual(
      minimizeNelderMead(objective, [2, 0]),
    );
  });
});
