#define _GNU_SOURCE
#include "CLinuxShims.h"
#include <sys/socket.h>

int aurora_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int aurora_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data) {
    struct epoll_event ev;
    ev.events = events;
    ev.data.u64 = data;
    return epoll_ctl(epfd, op, fd, &ev);
}

int aurora_epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout) {
    return epoll_wait(epfd, events, maxevents, timeout);
}

int aurora_eventfd(unsigned int initval) { return eventfd(initval, EFD_NONBLOCK | EFD_CLOEXEC); }

int aurora_signalfd(const sigset_t *mask) { return signalfd(-1, mask, SFD_NONBLOCK | SFD_CLOEXEC); }

int aurora_accept4(int fd, struct sockaddr *addr, socklen_t *len) {
    return accept4(fd, addr, len, SOCK_NONBLOCK | SOCK_CLOEXEC);
}
