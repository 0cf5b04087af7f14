// Baseline: one intercept and sigma for every possession; the pooled sufficient statistics of the intercept
// column (sum w, sum w y, sum w y^2) are all it uses.
data {
  int<lower=1> J;
  int<lower=1> K;
  real<lower=0> row_count[J];
  real log_weight_sum[J];
  real<lower=0> yy[J];
  vector[K] xy[J];
  matrix[K, K] xx[J];
}
transformed data {
  real n = sum(row_count);
  real log_w = sum(log_weight_sum);
  real yy_all = sum(yy);
  real wy = 0;
  real w = 0;
  for (j in 1:J) {
    wy += xy[j][1];
    w += xx[j][1, 1];
  }
}
parameters {
  real alpha;
  real<lower=0> sigma;
}
model {
  alpha ~ normal(0, 5);
  sigma ~ cauchy(0, 2.5);
  target += -0.5 * n * log(2 * pi()) - n * log(sigma) + 0.5 * log_w
            - (yy_all - 2 * alpha * wy + square(alpha) * w) / (2 * square(sigma));
}
