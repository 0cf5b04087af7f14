// A test model that fails on purpose: its message must reach Java as an exception.
data {
  int<lower=0> N;
  real threshold;
}
parameters {
  real x;
}
model {
  if (x > threshold)
    reject("x above threshold: ", x);
  x ~ normal(0, 1);
}
