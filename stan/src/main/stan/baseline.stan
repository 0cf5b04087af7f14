// Baseline: one intercept, a home-court term (when the table has venues, H = 1) and sigma for every possession.
// It uses the pooled sufficient statistics of the intercept and venue columns only: sum w, sum w y, sum w y^2,
// sum w h, sum w h y and sum w h^2, with h = +1/2 for a home offence and -1/2 away.
data {
  int<lower=1> J;
  int<lower=1> K;
  real<lower=0> row_count[J];
  real log_weight_sum[J];
  real<lower=0> yy[J];
  vector[K] xy[J];
  matrix[K, K] xx[J];
  int<lower=0, upper=1> H;
  real hy[J];
  real<lower=0> hh[J];
  vector[K] xh[J];
}
transformed data {
  real n = sum(row_count);
  real log_w = sum(log_weight_sum);
  real yy_all = sum(yy);
  real wy = 0;
  real w = 0;
  real hy_all = sum(hy);
  real hh_all = sum(hh);
  real wh = 0;
  for (j in 1:J) {
    wy += xy[j][1];
    w += xx[j][1, 1];
    wh += xh[j][1];
  }
}
parameters {
  real alpha;
  real<lower=0> sigma;
  vector[H] home;
}
model {
  real rss = yy_all - 2 * alpha * wy + square(alpha) * w;
  alpha ~ normal(0, 5);
  sigma ~ cauchy(0, 2.5);
  home ~ normal(0, 0.1);
  if (H == 1)
    rss += -2 * home[1] * hy_all + 2 * home[1] * alpha * wh + square(home[1]) * hh_all;
  target += -0.5 * n * log(2 * pi()) - n * log(sigma) + 0.5 * log_w - rss / (2 * square(sigma));
}
