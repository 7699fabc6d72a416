import './support/quiet'
import { render, screen } from '@testing-library/react'
import Index from '../../src/pages/index/index'
import { answer, resetApi } from './support/fakeApi'
import { who } from './support/fixtures'

jest.mock('../../src/api', () => require('./support/fakeApi').apiModule())

describe('the first page', () => {
  beforeEach(() => resetApi())

  it('tells a newcomer what each of the four roles does and asks for an invite code', async () => {
    answer('me.whoami', who())
    render(<Index />)
    expect(screen.getByText('企业周走访')).toBeTruthy()
    expect(await screen.findByText('填写邀请码')).toBeTruthy()
    for (const role of ['企业联络员', '服务专员', '部门经办人', '管理者']) expect(screen.getByText(role)).toBeTruthy()
  })
})
