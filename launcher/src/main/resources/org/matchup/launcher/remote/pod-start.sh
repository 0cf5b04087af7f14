# The pod's start command (bash -c): authorise the launch's key, make sure sshd and a Java 17 runtime are there
# (installed with apt-get on a Debian or Ubuntu image that lacks them), and run sshd in the foreground.
set -eu
mkdir -p /root/.ssh
chmod 700 /root/.ssh
printf '%s\n' "$PUBLIC_KEY" >> /root/.ssh/authorized_keys
chmod 600 /root/.ssh/authorized_keys
if ! command -v sshd > /dev/null || ! command -v java > /dev/null || ! command -v setsid > /dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends openssh-server openjdk-17-jre-headless util-linux > /dev/null
fi
mkdir -p /run/sshd
ssh-keygen -A
exec "$(command -v sshd)" -D -e
